/**
 * Sign-in: with an API token (admin of its environment), or with an email and password: of a
 * local console user (`studio users add`), or, in AWS, of the Cognito user pool (CognitoForm,
 * with its MFA code and first new password). Each is checked against the API
 * (`GET /v3.6/console/session` says the role and environments) before the session starts.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, consoleConfig, signInWithPassword } from './api';
import type { CognitoConfig } from './cognito';
import { CredentialFields } from './CredentialFields';
import { CognitoForm } from './CognitoForm';
import { tokenEnvironment, type Session } from './session';

async function sessionFor(authorization: string, environment?: string): Promise<Session> {
  const s = await client({ authorization, ...(environment ? { environment } : {}) }).session();
  return { authorization, email: s.email, role: s.role, environments: s.environments, environment: s.environment };
}

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [passwords, setPasswords] = useState(false);
  const [cognito, setCognito] = useState<CognitoConfig>();
  useEffect(() => {
    consoleConfig().then((c) => { setPasswords(c.sign_in === 'local'); if (c.sign_in === 'cognito') setCognito(c); }, () => setPasswords(false));
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const environment = tokenEnvironment(token);
    if (!environment) { setError(t('signIn.badFormat')); return; }
    try {
      onSignedIn(await sessionFor(`Token token=${token.trim()}`, environment));
    } catch (err) {
      setError(t('signIn.refused', { message: (err as Error).message }));
    }
  };
  return (
    <main className="sign-in">
      <h1>{t('signIn.heading')}</h1>
      <form onSubmit={(e) => void submit(e)} aria-labelledby="token-h">
        <h2 id="token-h">{t('signIn.withToken')}</h2>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-hint token-error" aria-invalid={error ? true : undefined} />
        <p id="token-hint" className="hint">{t('signIn.hint')}</p>
        <p id="token-error" role="alert" className="error">{error}</p>
        <button type="submit">{t('signIn.submit')}</button>
      </form>
      {passwords && <PasswordForm onSignedIn={onSignedIn} />}
      {cognito && <CognitoForm config={cognito} onSignedIn={async (step) => {
        const session = await sessionFor(`Bearer ${step.idToken}`);
        const refresh = step.refreshToken ? { refresh: { token: step.refreshToken, expires_at: Date.now() + step.expiresIn * 1000, config: cognito } } : {};
        onSignedIn({ ...session, ...refresh });
      }} />}
    </main>
  );
}

function PasswordForm({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onSignedIn(await sessionFor(`Bearer ${await signInWithPassword(email, password)}`));
    } catch (err) {
      setError(t('signIn.userRefused', { message: (err as Error).message }));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="user-h">
      <h2 id="user-h">{t('signIn.withUser')}</h2>
      <CredentialFields email={email} password={password} setEmail={setEmail} setPassword={setPassword} invalid={Boolean(error)} hint={t('signIn.userHint')} />
      <p id="user-error" role="alert" className="error">{error}</p>
      <button type="submit">{t('signIn.submitUser')}</button>
    </form>
  );
}
