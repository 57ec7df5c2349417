/** An in-app link: a real href (opens in a new tab too), navigating without a reload. */
import type { ReactNode } from 'react';
import { hrefOf, navigate, type Route } from './router';

export function Link({ to, current, children }: { to: Route; current?: boolean; children: ReactNode }) {
  return (
    <a href={hrefOf(to)} aria-current={current ? 'page' : undefined}
      onClick={(e) => { if (e.button === 0 && !e.ctrlKey && !e.metaKey) { e.preventDefault(); navigate(to); } }}>
      {children}
    </a>
  );
}
