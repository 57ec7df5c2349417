/**
 * US Social Security number structure (SSA rules): area 001–899 except 666, group 01–99,
 * serial 0001–9999, and not one of the numbers SSA voided after they were printed in ads.
 * Only the structure can be judged here: issuance needs SSA's own service.
 */
const VOIDED = new Set(['078051120', '219099999', '123456789']);

export interface SsnCheck { digits: string; valid: boolean; problems: string[] }

export function checkSsn(raw: string): SsnCheck {
  const digits = raw.replace(/[\s-]/g, '');
  const problems: string[] = [];
  if (!/^\d{9}$/.test(digits)) return { digits, valid: false, problems: ['not 9 digits'] };
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) problems.push(`area number ${digits.slice(0, 3)} is never issued`);
  if (digits.slice(3, 5) === '00') problems.push('group number 00 is never issued');
  if (digits.slice(5) === '0000') problems.push('serial number 0000 is never issued');
  if (VOIDED.has(digits)) problems.push('a publicised or placeholder number SSA never uses');
  return { digits, valid: problems.length === 0, problems };
}
