/** Dates of birth as the lists write them ("30 Jul 1957", "Jul 1957", "1957 to 1959", "circa 1958"). */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function parseListDate(raw: string): string[] {
  const text = raw.trim().toLowerCase().replace(/^(circa|approximately|approx\.?)\s+/, '');
  const range = /^(\d{4})\s*(?:to|-)\s*(\d{4})$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from || to - from > 10) return [];
    return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  }
  const iso = /^\d{4}(-\d{2}(-\d{2})?)?$/.exec(text) ?? /^\d{4}-\d{2}-\d{2}(?=T)/.exec(text);
  if (iso) return [iso[0]];
  const dmy = /^(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(text);
  if (dmy) {
    const month = MONTHS.indexOf(dmy[2] ?? '') + 1;
    if (month === 0) return [];
    const mm = String(month).padStart(2, '0');
    return [dmy[1] ? `${dmy[3]}-${mm}-${dmy[1].padStart(2, '0')}` : `${dmy[3]}-${mm}`];
  }
  return [];
}
