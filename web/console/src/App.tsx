/** Signed out: the sign-in page. Signed in: the shell with the page of the current route. */
import { useMemo, useState } from 'react';
import { client } from './api';
import { Results } from './Results';
import { RunPage } from './results/RunPage';
import { useRoute } from './router';
import { clearSession, loadSession, storeSession, type Session } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import { Versions } from './Versions';
import { WorkflowList } from './WorkflowList';
import { Builder } from './builder/Builder';

export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const route = useRoute();
  const api = useMemo(() => (session ? client(session.token) : undefined), [session]);
  if (!session || !api) return <SignIn onSignedIn={(s) => { storeSession(s); setSession(s); }} />;
  const signOut = () => { clearSession(); setSession(undefined); };
  return (
    <Shell session={session} route={route} onSignOut={signOut}>
      {route.page === 'workflows' && <WorkflowList api={api} />}
      {route.page === 'results' && <Results api={api} />}
      {route.page === 'run' && <RunPage api={api} id={route.id} key={route.id} />}
      {route.page === 'builder' && <Builder api={api} id={route.id} version={route.version} key={`${route.id}@${route.version ?? ''}`} />}
      {route.page === 'versions' && <Versions api={api} id={route.id} key={route.id} />}
    </Shell>
  );
}
