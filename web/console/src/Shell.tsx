/** The frame of every signed-in page: navigation, the current environment, sign-out. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import type { Route } from './router';
import type { Session } from './session';

export function Shell({ session, route, onSignOut, children }: { session: Session; route: Route; onSignOut: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="shell">
        <span className="brand">Open Studio</span>
        <nav aria-label={t('app.nav')}>
          <Link to={{ page: 'workflows' }} current={route.page !== 'results' && route.page !== 'run'}>{t('app.workflows')}</Link>
          <Link to={{ page: 'results' }} current={route.page === 'results' || route.page === 'run'}>{t('app.results')}</Link>
        </nav>
        <span className={`env env-${session.environment}`}>{t('app.environment', { env: session.environment })}</span>
        <button type="button" onClick={onSignOut}>{t('app.signOut')}</button>
      </header>
      <main className={`page page-${route.page}`}>{children}</main>
    </>
  );
}
