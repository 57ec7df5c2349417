/**
 * WCAG 2.2.1 (Timing Adjustable): the run's link stops working at `link.expires_at`, so the page
 * warns WARN_BEFORE_MS before (or at once when less is left), in a polite live region that is in
 * the page from the start and gets its text once: the minutes left and the clock time, which stay
 * true while the text stands. At the deadline `onExpired` runs (App.tsx checks with the API, then
 * shows the expired screen or follows `expired_redirect_url`).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const WARN_BEFORE_MS = 5 * 60_000;
/** setTimeout's longest delay (about 24.8 days); a deadline further away is not timed (the page is not open that long). */
const MAX_DELAY_MS = 2 ** 31 - 1;

export function DeadlineWarning({ expiresAt, onExpired }: { expiresAt: string | null | undefined; onExpired(): void }) {
  const { t, i18n } = useTranslation();
  const [warned, setWarned] = useState<{ at: number; left: number }>();
  const expired = useRef(onExpired);
  expired.current = onExpired;
  const at = expiresAt ? Date.parse(expiresAt) : NaN;

  useEffect(() => {
    if (!Number.isFinite(at)) return undefined;
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    const later = (ms: number, fn: () => void) => { if (ms <= MAX_DELAY_MS) timers.push(setTimeout(fn, Math.max(ms, 0))); };
    const now = Date.now();
    later(at - WARN_BEFORE_MS - now, () => setWarned((w) => (w?.at === at ? w : { at, left: Math.max(at - Date.now(), 0) })));
    later(at - now, () => expired.current());
    return () => timers.forEach(clearTimeout);
  }, [at]);

  const shown = warned && warned.at === at ? warned : undefined;
  const time = shown ? new Intl.DateTimeFormat(i18n.language.replace('_', '-'), { hour: 'numeric', minute: '2-digit' }).format(shown.at) : '';
  return (
    <div role="status" aria-live="polite" aria-atomic="true">
      {shown && <p className="retry">{t('waiting.deadline', { minutes: Math.max(1, Math.ceil(shown.left / 60_000)), time })}</p>}
    </div>
  );
}
