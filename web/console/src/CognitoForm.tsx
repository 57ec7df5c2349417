/**
 * Email + password sign-in against the stack's Cognito user pool (AWS), then the code of the
 * user's authenticator app (or text message; or, for a user without one, the app set up first:
 * MfaSetup.tsx), or the new password an admin-created user sets on
 * first sign-in. The ID token it ends with is the console session's bearer token, renewed with
 * the refresh token (keeper.ts).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CredentialFields } from './CredentialFields';
import { associateSoftwareToken, CognitoError, initiateAuth, respond, type CognitoConfig, type Step } from './cognito';
import { MfaSetup } from './MfaSetup';

type Challenge = Extract<Step, { kind: 'challenge' }>;
const KNOWN = ['NotAuthorizedException', 'CodeMismatchException', 'ExpiredCodeException', 'InvalidPasswordException',
  'PasswordResetRequiredException', 'UserNotConfirmedException', 'TooManyRequestsException', 'LimitExceededException'];
const RETRY = ['CodeMismatchException', 'ExpiredCodeException', 'InvalidPasswordException'];

export function CognitoForm({ config, onSignedIn }: { config: CognitoConfig; onSignedIn: (tokens: Extract<Step, { kind: 'signed_in' }>) => Promise<void> }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [answer, setAnswer] = useState('');
  const [challenge, setChallenge] = useState<Challenge>();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const step = challenge ? await respond(config, challenge, answer.trim()) : await initiateAuth(config, email.trim(), password);
      setError('');
      if (step.kind === 'signed_in') { await onSignedIn(step); return; }
      setAnswer('');
      if (step.name === 'MFA_SETUP') {
        // An authenticator app to set up first: its key, then its first code (VerifySoftwareToken).
        const associated = await associateSoftwareToken(config, step);
        setSecret(associated.secret);
        setChallenge(associated.step);
      } else {
        setChallenge(step);
      }
    } catch (err) {
      const known = err instanceof CognitoError && KNOWN.includes(err.code);
      // Cognito's words for a new password say which rule it breaks; other refusals get ours.
      setError(known && err.code !== 'InvalidPasswordException' ? t(`signIn.cognito.${err.code}`) : t('signIn.userRefused', { message: (err as Error).message }));
      // A wrong code or password breaking the rules may be tried again in the same session; anything
      // else (an ended session, the API refusing the user) starts again from the email and password.
      if (!(err instanceof CognitoError && RETRY.includes(err.code))) { setChallenge(undefined); setSecret(''); }
    } finally {
      setBusy(false);
    }
  };
  const newPassword = challenge?.name === 'NEW_PASSWORD_REQUIRED';
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="user-h">
      <h2 id="user-h">{t('signIn.withUser')}</h2>
      {!challenge && <>
        <CredentialFields email={email} password={password} setEmail={setEmail} setPassword={setPassword} invalid={Boolean(error)} hint={t('signIn.cognitoHint')} />
      </>}
      {challenge?.name === 'MFA_SETUP' && secret && <MfaSetup secret={secret} email={email.trim()} />}
      {challenge && <>
        <label htmlFor="answer">{t(newPassword ? 'signIn.newPassword' : 'signIn.code')}</label>
        <input id="answer" key={challenge.name} autoFocus value={answer} onChange={(e) => setAnswer(e.target.value)}
          {...(newPassword ? { type: 'password', autoComplete: 'new-password' } : { inputMode: 'numeric' as const, autoComplete: 'one-time-code' })}
          aria-describedby="answer-hint user-error" aria-invalid={error ? true : undefined} />
        <p id="answer-hint" className="hint">{t(`signIn.challenge.${challenge.name}`)}</p>
      </>}
      <p id="user-error" role="alert" className="error">{error}</p>
      <button type="submit" disabled={busy}>{t(challenge ? (newPassword ? 'signIn.setPassword' : 'signIn.verify') : 'signIn.submitUser')}</button>
    </form>
  );
}
