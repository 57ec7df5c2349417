/** Email and password of a console user, with a hint under them (local users and the Cognito pool alike). */
import { useTranslation } from 'react-i18next';

interface Props { email: string; password: string; setEmail: (v: string) => void; setPassword: (v: string) => void; invalid: boolean; hint: string }

export function CredentialFields({ email, password, setEmail, setPassword, invalid, hint }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor="email">{t('signIn.email')}</label>
      <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)}
        aria-describedby="user-error" aria-invalid={invalid ? true : undefined} />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)}
        aria-describedby="user-hint user-error" aria-invalid={invalid ? true : undefined} />
      <p id="user-hint" className="hint">{hint}</p>
    </>
  );
}
