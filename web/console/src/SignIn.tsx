/** Sign-in with an API token: checked against the API before the session starts. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from './api';
import { sessionOf, type Session } from './session';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = sessionOf(token);
    if (!session) { setError(t('signIn.badFormat')); return; }
    try {
      await client(session.token).workflows();
      onSignedIn(session);
    } catch (err) {
      setError(t('signIn.refused', { message: (err as Error).message }));
    }
  };
  return (
    <main className="sign-in">
      <h1>{t('signIn.heading')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="token">{t('signIn.token')}</label>
        <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-hint token-error" aria-invalid={error ? true : undefined} />
        <p id="token-hint" className="hint">{t('signIn.hint')}</p>
        <p id="token-error" role="alert" className="error">{error}</p>
        <button type="submit">{t('signIn.submit')}</button>
      </form>
    </main>
  );
}
