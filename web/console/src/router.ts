/** Client-side routes under /console/ (the gateway answers every /console/* path with index.html). */
import { useEffect, useState } from 'react';

export type Route = { page: 'workflows' } | { page: 'results' } | { page: 'builder'; id: string };
const BASE = '/console/';

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  const m = /^workflows\/([^/]+)$/.exec(rest);
  if (m?.[1]) return { page: 'builder', id: decodeURIComponent(m[1]) };
  return rest === 'results' ? { page: 'results' } : { page: 'workflows' };
}

export const hrefOf = (r: Route): string =>
  r.page === 'builder' ? `${BASE}workflows/${encodeURIComponent(r.id)}` : r.page === 'results' ? `${BASE}results` : BASE;

export function navigate(r: Route): void {
  history.pushState(null, '', hrefOf(r));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
