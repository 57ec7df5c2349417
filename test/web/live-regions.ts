/**
 * What the page's live regions (`role="status"`) would have screen readers say. A region is
 * announced reliably only when it is in the page before its text changes: one that appears with
 * its text already in it is often not. `recordStatuses` watches the page (a MutationObserver)
 * and logs, per status element, its text when it appeared and each later text; `spoken` is the
 * later texts, the ones a screen reader announces.
 */
import type { Page } from 'playwright-core';

/** One status element: its text when it appeared in the page and the texts it changed to since, in order. */
export interface StatusRegion { added: string; changes: string[] }

/** Runs in the page (a string: this project's tests have no DOM types). */
const RECORD = `(() => {
  if (window.__statuses) return;
  const regions = window.__statuses = [];
  const entries = new Map();
  const text = (el) => (el.textContent || '').trim();
  const note = (el) => {
    const entry = entries.get(el);
    if (!entry) { const added = { added: text(el), changes: [] }; entries.set(el, added); regions.push(added); return; }
    const now = text(el);
    if (now !== (entry.changes.length ? entry.changes[entry.changes.length - 1] : entry.added)) entry.changes.push(now);
  };
  const statusOf = (node) => { const el = node.nodeType === 1 ? node : node.parentElement; return el && el.closest('[role="status"]'); };
  const seen = (records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches('[role="status"]')) note(node);
        for (const el of node.querySelectorAll('[role="status"]')) note(el);
      }
      const region = statusOf(r.target);
      if (region) note(region);
    }
  };
  for (const el of document.querySelectorAll('[role="status"]')) note(el);
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/** Starts logging the page's status elements (again after a navigation: the log is the page's). */
export async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(RECORD);
}

/** The log so far: every status element seen, in the order they appeared. */
export async function statusLog(page: Page): Promise<StatusRegion[]> {
  return page.evaluate('window.__statuses || []') as Promise<StatusRegion[]>;
}

/** The texts screen readers announce: each region's changes (not what a region held when it appeared), empty ones left out. */
export function spoken(log: StatusRegion[]): string[][] {
  return log.map((r) => r.changes.filter((c) => c !== ''));
}
