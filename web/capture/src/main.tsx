/**
 * Smart Capture: `/capture/<run id>#link=<link token>`, or a workflow's generic link `/capture/f/<workflow id>` (GenericStart). The link token is read from the fragment
 * (never sent to a server in a URL) and kept in sessionStorage so a reload works after it is
 * removed from the address bar; it opens short capture sessions (api.ts). The language is the
 * link's, else the browser's.
 */
import { createRoot } from 'react-dom/client';
import { Api } from './api';
import { App } from './App';
import { Flow } from './flow';
import { GenericStart } from './GenericStart';
import { initI18n, pickLanguage, setLanguage } from './i18n';

function readLink(runId: string): string | undefined {
  const key = `capture-link:${runId}`;
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('link') ?? undefined;
  try {
    if (fromHash) {
      sessionStorage.setItem(key, fromHash);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return fromHash ?? sessionStorage.getItem(key) ?? undefined;
  } catch {
    return fromHash;
  }
}

async function main() {
  const generic = /^\/capture\/f\/([^/]+)\/?$/.exec(location.pathname);
  if (generic) {
    const lang = pickLanguage(new URLSearchParams(location.search).get('lang'));
    await initI18n(lang);
    await setLanguage(lang);
    createRoot(document.getElementById('app')!).render(<GenericStart workflowId={decodeURIComponent(generic[1]!)} />);
    return;
  }
  const match = /^\/capture\/([^/]+)\/?$/.exec(location.pathname);
  const runId = match ? decodeURIComponent(match[1]!) : '';
  const link = runId ? readLink(runId) : undefined;
  let storage: Storage | undefined;
  try { storage = sessionStorage; } catch { storage = undefined; }
  const flow = new Flow(new Api(link ?? ''), runId, storage);
  const lang = pickLanguage(new URLSearchParams(location.search).get('lang') ?? flow.link?.language);
  await initI18n(lang);
  await setLanguage(lang);
  const root = createRoot(document.getElementById('app')!);
  if (!link) {
    const i18n = (await import('i18next')).default;
    root.render(<App flow={flow} initial={{ kind: 'fatal', message: i18n.t('errors.incomplete'), details: [] }} />);
    return;
  }
  // Cross-device: the phone opens the same link (its token in the fragment); `?handoff=1` tells it that it came from the desktop.
  const query = new URLSearchParams(location.search);
  query.set('handoff', '1');
  const handoffUrl = `${location.origin}/capture/${encodeURIComponent(runId)}?${query.toString()}#link=${link}`;
  root.render(<App flow={flow} handoffUrl={handoffUrl} fromDesktop={new URLSearchParams(location.search).has('handoff')} />);
}

void main();
