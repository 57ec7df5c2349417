/** Signed out: the sign-in page. Signed in: the shell with the page of the current route, in the session's environment and role. */
import { useEffect, useMemo, useState } from 'react';
import { client } from './api';
import { SessionKeeper } from './keeper';
import { Results } from './Results';
import { Funnel } from './results/Funnel';
import { RunPage } from './results/RunPage';
import { ReviewQueue } from './results/ReviewQueue';
import { hrefOf, leave, show, useRoute } from './router';
import { clearSession, loadSession, RoleContext, storeSession, type Environment, type Session } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import { Versions } from './Versions';
import { WorkflowList } from './WorkflowList';
import { Builder } from './builder/Builder';

export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const route = useRoute();
  const start = (s: Session) => { storeSession(s); setSession(s); };
  // One keeper per sign-in: a renewed ID token changes the session but not the pages' client.
  const signedIn = session ? `${session.email ?? ''} ${session.refresh ? 'cognito' : session.authorization}` : '';
  const keeper = useMemo(() => (signedIn && session ? new SessionKeeper(session, start) : undefined), [signedIn]);
  useEffect(() => () => keeper?.stop(), [keeper]);
  if (keeper && session) keeper.update(session);
  const environment = session?.environment;
  const api = useMemo(() => (keeper ? client({ authorization: () => keeper.authorization(), renew: () => keeper.renew(), ...(environment ? { environment } : {}) }) : undefined), [keeper, environment]);
  if (!session || !api) return <SignIn onSignedIn={start} />;
  // Both leave the page: unsaved work in the builder is asked about first (router.ts, LeaveGuard.tsx).
  const signOut = () => leave(() => { clearSession(); setSession(undefined); });
  // Another environment has other workflows: back to the list.
  const switchTo = (environment: Environment) => leave(() => { start({ ...session, environment }); show(hrefOf({ page: 'workflows' })); });
  return (
    <RoleContext.Provider value={session.role}>
      <Shell session={session} route={route} onSignOut={signOut} onSwitch={switchTo}>
        {route.page === 'workflows' && <WorkflowList api={api} />}
        {route.page === 'results' && <Results api={api} />}
        {route.page === 'funnel' && <Funnel api={api} />}
        {route.page === 'run' && <RunPage api={api} id={route.id} key={route.id} />}
        {route.page === 'review' && <ReviewQueue api={api} me={session.email} />}
        {route.page === 'builder' && <Builder api={api} id={route.id} version={route.version} sandbox={session.environment === 'sandbox'} key={`${route.id}@${route.version ?? ''}`} />}
        {route.page === 'versions' && <Versions api={api} id={route.id} key={route.id} />}
      </Shell>
    </RoleContext.Provider>
  );
}
