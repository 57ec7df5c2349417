/**
 * The issue date of a document, read with chrono-node's en-GB (day-first) parser. A date right
 * after an issue label ("statement date", "date of issue", "bill date"...) wins; otherwise the
 * end of a stated period; otherwise the latest full date that is not in the future.
 */
import * as chrono from 'chrono-node';

const LABEL = /(statement date|date of (issue|statement|bill)|issue date|issued( on)?|bill date|invoice date|date)\s*:?\s*$/i;
const PERIOD = /(period|from|statement period|billing period)\b[^\n]{0,20}$/i;

export interface IssueDate { date: string; basis: 'labelled' | 'period_end' | 'latest' ; text: string }

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function findIssueDate(text: string, now: Date): IssueDate | undefined {
  const results = chrono.en.GB.parse(text, now).filter((r) => r.start.isCertain('day') && r.start.isCertain('month') && r.start.isCertain('year'));
  const before = (index: number) => text.slice(Math.max(0, index - 40), index);
  const labelled = results.find((r) => LABEL.test(before(r.index)));
  if (labelled) return { date: iso(labelled.start.date()), basis: 'labelled', text: labelled.text };
  const period = results.find((r) => r.end && (PERIOD.test(before(r.index)) || /\bto\b|-/.test(r.text)));
  if (period?.end) return { date: iso(period.end.date()), basis: 'period_end', text: period.text };
  const past = results.map((r) => r.start.date()).filter((d) => d.getTime() <= now.getTime() + 86_400_000).sort((a, b) => b.getTime() - a.getTime());
  const latest = past[0];
  return latest ? { date: iso(latest), basis: 'latest', text: iso(latest) } : undefined;
}
