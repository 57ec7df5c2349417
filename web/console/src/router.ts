/**
 * Client-side routes under /console/ (the gateway answers every /console/* path with index.html).
 * A page with unsaved work sets a leave guard: every change of page (a link, Back / Forward, the
 * environment, sign-out) asks it first, and it may hold the change until the user agrees.
 * Each entry the router pushes carries its place in the session history (`state.at`), so that a
 * Back / Forward (one step) held by the guard is undone with history.go(±1) (the entries after it
 * are kept: Forward still works after Back and "Stay") and redone with it once the user agrees.
 * A page writes its query (Results' filters, the funnel's choice) with pushQuery / replaceQuery,
 * which give the entry its place too; an entry without one (written by anything else) falls back
 * to pushing the page's own URL again.
 */
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

/** Asked before the page changes: true when it holds the change (it calls `go` once the user agrees), false to let it happen now. */
export type LeaveGuard = (go: () => void) => boolean;
let guard: LeaveGuard | undefined;
/** True while show() announces its own change (not a Back / Forward of the browser). */
let ours = false;
/** The place of the entry shown in the session history (undefined: not known). */
let shownAt: number | undefined;
/** The next popstate is the router's own history.go: back to the entry shown ('undo'), or on to the one the user agreed to ('redo'). */
let traversing: 'undo' | 'redo' | undefined;
/** The URL (path and query) of the entry shown. */
let shownUrl = '';
const here = () => location.pathname + location.search;
const placeOf = (state: unknown): number | undefined => {
  const at = (state as { at?: unknown } | null)?.at;
  return typeof at === 'number' ? at : undefined;
};

/** Sets the guard (one at a time: the page with unsaved work); returns its removal. */
export function setLeaveGuard(g: LeaveGuard): () => void {
  guard = g;
  return () => { if (guard === g) guard = undefined; };
}

/** Runs `go` (a change of page, environment or session) now, or once the guard's user agrees. */
export function leave(go: () => void): void {
  if (!guard?.(go)) go();
}

/** Shows `href` without asking the guard (what navigate() does once the guard agrees). */
export const show = (href: string) => {
  const at = shownAt === undefined ? undefined : shownAt + 1;
  history.pushState(at === undefined ? null : { at }, '', href);
  shownAt = at;
  ours = true;
  try { window.dispatchEvent(new PopStateEvent('popstate')); } finally { ours = false; }
};

/** A new entry for the page's own query (`href`: the page's path and query), in its place after the one shown; the page stays, so the guard is not asked. */
export function pushQuery(href: string): void {
  const at = shownAt === undefined ? undefined : shownAt + 1;
  history.pushState(at === undefined ? null : { at }, '', href);
  shownAt = at;
  shownUrl = here();
}

/** The entry shown, given the page's own query (`href`), keeping its place. */
export function replaceQuery(href: string): void {
  history.replaceState(shownAt === undefined ? null : { ...(history.state as object | null), at: shownAt }, '', href);
  shownUrl = here();
}

export function navigate(r: Route): void {
  leave(() => show(hrefOf(r)));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    shownUrl = here();
    // The entry the console opened on gets its place (kept if it has one: a reload).
    shownAt = placeOf(history.state);
    if (shownAt === undefined) { shownAt = 0; history.replaceState({ ...(history.state as object | null), at: shownAt }, ''); }
    const again = () => history.pushState(shownAt === undefined ? null : { at: shownAt }, '', shownUrl);
    const on = () => {
      const to = here();
      const at = placeOf(history.state);
      // Back at the page's own entry after a held Back / Forward (else, an entry between: its URL comes back anyway).
      if (traversing === 'undo') { traversing = undefined; if (to !== shownUrl) again(); return; }
      // Back / Forward: the URL has changed already; while the guard asks, the page's own entry comes back.
      const by = at !== undefined && shownAt !== undefined && Math.abs(at - shownAt) === 1 ? at - shownAt : undefined;
      if (!ours && traversing !== 'redo' && to !== shownUrl && guard?.(() => {
        if (by) { traversing = 'redo'; history.go(by); } else show(to);
      })) {
        if (by) { traversing = 'undo'; history.go(-by); } else again();
        return;
      }
      traversing = undefined;
      if (!ours) shownAt = at;
      shownUrl = to;
      setRoute(parseRoute(location.pathname));
    };
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return route;
}
