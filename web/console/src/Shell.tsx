/** The frame of every signed-in page: navigation, the current environment (a choice for users of both), who is signed in, sign-out. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import type { Route } from './router';
import type { Environment, Session } from './session';

/** The pages under Results in the navigation. */
const RESULT_PAGES = new Set<Route['page']>(['results', 'run', 'review']);

interface Props { session: Session; route: Route; onSignOut: () => void; onSwitch: (e: Environment) => void; children: ReactNode }

export function Shell({ session, route, onSignOut, onSwitch, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <header className="shell">
        <span className="brand">Open Studio</span>
        <nav aria-label={t('app.nav')}>
          <Link to={{ page: 'workflows' }} current={!RESULT_PAGES.has(route.page) && route.page !== 'funnel'}>{t('app.workflows')}</Link>
          <Link to={{ page: 'results' }} current={RESULT_PAGES.has(route.page)}>{t('app.results')}</Link>
          <Link to={{ page: 'funnel' }} current={route.page === 'funnel'}>{t('app.funnel')}</Link>
        </nav>
        <span className={`env env-${session.environment}`}>{t('app.environment', { env: session.environment })}</span>
        {session.environments.length > 1 && (
          <label className="env-switch">{t('app.switchEnvironment')}{' '}
            <select value={session.environment} onChange={(e) => onSwitch(e.target.value as Environment)}>
              {session.environments.map((env) => <option key={env} value={env}>{env}</option>)}
            </select>
          </label>
        )}
        {session.email && <span className="user">{t('app.user', { email: session.email, role: session.role })}</span>}
        <button type="button" onClick={onSignOut}>{t('app.signOut')}</button>
      </header>
      <main className={`page page-${route.page}`}>{children}</main>
    </>
  );
}
