/**
 * The capture page: header (title, logo, language), the warning before the link expires
 * (DeadlineWarning.tsx), then the step the run is at.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from './api';
import { DeadlineWarning } from './DeadlineWarning';
import { humanError, transient } from './errors';
import type { Flow, View } from './flow';
import { pickLanguage, setLanguage } from './i18n';
import { finePointerOnly, Handoff } from './steps/Handoff';
import { Consent, Welcome } from './steps/Start';
import { Heading } from './ui/Heading';
import { Page } from './ui/Page';
import { TaskStep } from './steps/TaskStep';

/** How often the API is asked again after a deadline while it still shows the same task. */
const RECHECK_MS = 5_000;

type Screen = View | { kind: 'fatal'; message: string; details: string[] };
const remembered = (key: string) => { try { return sessionStorage.getItem(key) === '1'; } catch { return false; } };
const remember = (key: string) => { try { sessionStorage.setItem(key, '1'); } catch { /* kept in memory only */ } };

type Device = 'undecided' | 'here' | 'phone';
const forcesPhone = (task: Task) => task.input?.task_type === 'document_capture' && task.input.config?.force_cross_device === true;

/** `handoffUrl`: the link a phone opens to continue (cross-device); `fromDesktop`: this page was opened from that link. */
export function App({ flow, initial, handoffUrl, fromDesktop = false }: { flow: Flow; initial?: Screen; handoffUrl?: string; fromDesktop?: boolean }) {
  const { t } = useTranslation();
  const [view, setView] = useState<Screen>(initial ?? { kind: 'loading' });
  const [failures, setFailures] = useState(0);
  const [started, setStarted] = useState(() => remembered(`capture-started:${flow.runId}`));
  const [consented, setConsented] = useState(() => remembered(`capture-consent:${flow.runId}`));
  const languageChosen = useRef(new URLSearchParams(location.search).has('lang'));
  const [desktop] = useState(() => !!handoffUrl && !fromDesktop && finePointerOnly());
  const [device, setDevice] = useState<Device>(() => { try { return (sessionStorage.getItem(`capture-device:${flow.runId}`) as Device | null) ?? 'undecided'; } catch { return 'undecided'; } });
  const chooseDevice = (d: Device) => { try { sessionStorage.setItem(`capture-device:${flow.runId}`, d); } catch { /* kept in memory only */ } setDevice(d); };
  const seen = useRef(new Set<string>());
  /** The task on screen when its deadline (or the link's) passed: the API is asked until the page can move on. */
  const [overdue, setOverdue] = useState<string>();
  /** The desktop hands this task to the phone (or offers to). */
  const handsOff = (task: Task) => desktop && (device !== 'here' || forcesPhone(task));
  const following = view.kind === 'task' && handsOff(view.task) && (device === 'phone' || forcesPhone(view.task));

  useEffect(() => {
    if (view.kind !== 'loading' && view.kind !== 'waiting' && !following) return undefined;
    let cancelled = false;
    const delay = failures ? Math.min(2 ** failures, 30) * 1000 : view.kind === 'loading' ? 0 : 1500;
    const timer = setTimeout(() => {
      flow.next().then((next) => {
        if (cancelled) return;
        setFailures(0);
        const link = flow.link;
        if (!languageChosen.current && link?.language) void setLanguage(pickLanguage(link.language));
        languageChosen.current = true;
        if (next.kind === 'task') seen.current.add(next.task.id);
        // A desktop that handed the run to the phone finishes with it; the phone sends the end user back to the desktop.
        const finished = next.kind === 'done' && (!next.already || (desktop && device === 'phone' && seen.current.size > 0));
        if (finished && !fromDesktop && link?.completed_redirect_url) return location.assign(link.completed_redirect_url);
        if (next.kind === 'done' && finished) return setView({ kind: 'done', already: false });
        const expiredTo = next.kind === 'expired' ? next.redirect ?? link?.expired_redirect_url : undefined;
        if (expiredTo) return location.assign(expiredTo);
        setView(next);
      }, (e: unknown) => {
        if (cancelled) return;
        if (transient(e)) { setFailures((n) => n + 1); setView({ kind: 'waiting' }); } else setView({ kind: 'fatal', ...humanError(e, t) });
      });
    }, delay);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [view, failures, flow, t, following, desktop, device, fromDesktop]);

  const settings = flow.run?.workflow?.settings ?? null;
  const title = flow.run?.workflow?.name || t('app.title');

  function body() {
    switch (view.kind) {
      case 'loading': return <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('app.loading')}</p>;
      case 'waiting': return !failures && desktop && device === 'phone' && handoffUrl
        ? <Handoff url={handoffUrl} allowHere={false} chosen done={Math.max(seen.current.size - 1, 0)} onPhone={() => undefined} onHere={() => undefined} />
        : failures
        ? <div role="status" className="status"><p>{t('waiting.offline', { seconds: Math.min(2 ** failures, 30) })}</p>
          <button type="button" className="secondary" onClick={() => { setFailures(0); setView({ kind: 'loading' }); }}>{t('waiting.tryNow')}</button></div>
        : <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('waiting.checking')}</p>;
      case 'done': return <section className="done"><Heading>{t('done.heading')}</Heading>
        <p>{view.already ? t('done.already') : fromDesktop ? t('handoff.backToDesktop') : desktop && device === 'phone' ? t('handoff.finished') : t('done.body')}</p></section>;
      // A heading of their own (focused, as every screen's): a keyboard or screen reader starts at what happened.
      case 'expired': return <section><Heading>{t('errors.expiredHeading')}</Heading><div className="error" role="alert"><p>{t('errors.expired')}</p></div></section>;
      case 'fatal': return <section><Heading>{t('errors.problemHeading')}</Heading>
        <div className="error" role="alert"><p>{view.message}</p>{view.details.length > 0 && <ul>{view.details.map((d) => <li key={d}>{d}</li>)}</ul>}</div></section>;
      case 'task': return gate(view.task);
    }
  }
  function gate(task: Task) {
    if (handoffUrl && handsOff(task)) {
      return <Handoff url={handoffUrl} allowHere={!forcesPhone(task)} chosen={device === 'phone' || (device === 'here' && forcesPhone(task))}
        done={Math.max(seen.current.size - 1, 0)} onPhone={() => chooseDevice('phone')} onHere={() => chooseDevice('here')} />;
    }
    if (!started && settings?.welcome !== false) return <Welcome onStart={() => { remember(`capture-started:${flow.runId}`); setStarted(true); }} />;
    if (!consented && task.input?.task_type?.startsWith('face_capture')) {
      return <Consent onAgree={() => { remember(`capture-consent:${flow.runId}`); setConsented(true); }} />;
    }
    return <TaskStep key={task.id} flow={flow} task={task} onCompleted={() => setView({ kind: 'loading' })} />;
  }

  // At the link's deadline a task on screen (no polling) asks the API: expired (or ended), the page says so; the
  // end user's capture stays when the API still takes the link (a device clock ahead of the server's, or a run
  // that has not recorded the task's timeout yet), and the page asks again every RECHECK_MS until the answer changes.
  function deadlinePassed() {
    if (view.kind === 'task') setOverdue(view.task.id); // the polling screens find out on their own
  }
  useEffect(() => {
    if (!overdue || view.kind !== 'task' || view.task.id !== overdue) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      // Anything but the same task (the run left it: the task's own deadline) is loaded afresh.
      flow.next().then((next) => {
        if (stopped) return;
        if (next.kind === 'task' && next.task.id === overdue) timer = setTimeout(check, RECHECK_MS);
        else setView({ kind: 'loading' });
      }, () => { if (!stopped) timer = setTimeout(check, RECHECK_MS); });
    };
    check();
    return () => { stopped = true; clearTimeout(timer); };
  }, [overdue, view, flow]);
  const ongoing = view.kind !== 'expired' && view.kind !== 'done' && view.kind !== 'fatal';
  return (
    <Page title={title} settings={settings} onLanguage={() => { languageChosen.current = true; }}>
      {ongoing && <DeadlineWarning expiresAt={earliest(flow.link?.expires_at, view.kind === 'task' ? view.task.deadline_at : undefined)} onExpired={deadlinePassed} />}
      {body()}
    </Page>
  );
}

/** The first of two deadlines (the link's, the task's on screen), as an ISO date; undefined for neither. */
function earliest(...dates: Array<string | null | undefined>): string | undefined {
  const times = dates.filter((d): d is string => !!d && Number.isFinite(Date.parse(d)));
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}
