/** Date of birth: a real calendar date, in the past, for a plausible age. */
import { DateTime } from 'luxon';

export interface DobCheck { value: string; valid: boolean; problem?: string; age?: number }

export function checkDob(value: string, now: Date): DobCheck {
  const d = DateTime.fromISO(value, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !d.isValid) return { value, valid: false, problem: 'not a calendar date (YYYY-MM-DD)' };
  const age = Math.floor(DateTime.fromJSDate(now, { zone: 'utc' }).diff(d, 'years').years);
  if (d.toMillis() > now.getTime()) return { value, valid: false, problem: 'in the future' };
  if (age > 120) return { value, valid: false, problem: `implies an age of ${age}` };
  return { value, valid: true, age };
}
