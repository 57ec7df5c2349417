/** Client-side routes under /console/ (the gateway answers every /console/* path with index.html). */
import { useEffect, useState } from 'react';

export type Route = { page: 'workflows' } | { page: 'results' } | { page: 'review' } | { page: 'funnel' } | { page: 'run'; id: string } | { page: 'builder'; id: string; version?: number } | { page: 'versions'; id: string };
const BASE = '/console/';

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : '';
  const m = /^workflows\/([^/]+)(\/versions(?:\/([1-9][0-9]*))?)?$/.exec(rest);
  if (m?.[1]) {
    const id = decodeURIComponent(m[1]);
    if (m[3]) return { page: 'builder', id, version: Number(m[3]) };
    return m[2] ? { page: 'versions', id } : { page: 'builder', id };
  }
  const run = /^results\/([^/]+)$/.exec(rest);
  if (run?.[1]) return { page: 'run', id: decodeURIComponent(run[1]) };
  if (rest === 'review') return { page: 'review' };
  if (rest === 'funnel') return { page: 'funnel' };
  return rest === 'results' ? { page: 'results' } : { page: 'workflows' };
}

export function hrefOf(r: Route): string {
  switch (r.page) {
    case 'builder': return `${BASE}workflows/${encodeURIComponent(r.id)}${r.version ? `/versions/${r.version}` : ''}`;
    case 'versions': return `${BASE}workflows/${encodeURIComponent(r.id)}/versions`;
    case 'results': return `${BASE}results`;
    case 'review': return `${BASE}review`;
    case 'funnel': return `${BASE}funnel`;
    case 'run': return `${BASE}results/${encodeURIComponent(r.id)}`;
    default: return BASE;
  }
}

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
