/**
 * AAMVA DL/ID card design standard, PDF417 payload: "@" LF RS CR, file type ("ANSI " or
 * "AAMVA"), IIN (6), AAMVA version (2), jurisdiction version (2, from version 2), number of
 * entries (2), then per subfile: type (2), offset (4), length (4). Each subfile starts with its
 * type, holds elements "<3-letter id><value>" separated by LF and ends with CR.
 *
 * Own parser rather than parse-usdl: that one drops the last element line, reads only the
 * US date order and ignores the header (IIN, version, subfile offsets).
 */
import { EvidenceError } from '../../shared/errors';
import { IIN } from './iin';

export interface AamvaRecord {
  iin: string;
  issuer?: string;           // jurisdiction the IIN belongs to
  version: number;
  jurisdiction_version?: number;
  elements: Record<string, string>;
}

export class AamvaFormatError extends EvidenceError {
  override readonly name = 'AamvaFormatError';
}

function subfileElements(body: string): Record<string, string> {
  const elements: Record<string, string> = {};
  for (const raw of body.split(/\n|\r/)) {
    const line = raw.trim();
    if (/^[A-Z]{3}/.test(line)) elements[line.slice(0, 3)] = line.slice(3).trim();
  }
  return elements;
}

/** Offsets count from the "@"; some issuers get them wrong, so a wrong one falls back to a search. */
function subfileStart(text: string, type: string, offset: number, afterHeader: number): number {
  if (/^[A-Z]{2}$/.test(type) && text.startsWith(type, offset) && /^[A-Z]{3}/.test(text.slice(offset + 2))) return offset;
  const found = new RegExp(`${type}(?=[A-Z]{3})`).exec(text.slice(afterHeader));
  return found ? afterHeader + found.index : -1;
}

export function parseAamva(text: string): AamvaRecord {
  const start = text.search(/ANSI |AAMVA/);
  if (start < 0 || !text.startsWith('@')) throw new AamvaFormatError('not an AAMVA barcode: no "@" compliance indicator and "ANSI " file type');
  const head = text.slice(start + 5);
  const iin = head.slice(0, 6);
  const version = Number(head.slice(6, 8));
  if (!/^\d{6}$/.test(iin) || !Number.isInteger(version)) throw new AamvaFormatError(`bad AAMVA header "${head.slice(0, 12)}"`);
  const hasJurisdictionVersion = version >= 2;
  const entriesAt = hasJurisdictionVersion ? 10 : 8;
  const entries = Number(head.slice(entriesAt, entriesAt + 2));
  const elements: Record<string, string> = {};
  for (let i = 0; i < entries; i++) {
    const d = head.slice(entriesAt + 2 + i * 10, entriesAt + 12 + i * 10);
    const type = d.slice(0, 2);
    const at = subfileStart(text, type, Number(d.slice(2, 6)), start + 5 + entriesAt + 2 + entries * 10);
    if (at < 0) continue;
    const end = text.indexOf('\r', at);
    Object.assign(elements, subfileElements(text.slice(at + 2, end < 0 ? undefined : end)));
  }
  if (entries === 0 || Object.keys(elements).length === 0) Object.assign(elements, subfileElements(text.slice(start)));
  return { iin, ...(IIN[iin] ? { issuer: IIN[iin] } : {}), version, ...(hasJurisdictionVersion ? { jurisdiction_version: Number(head.slice(8, 10)) } : {}), elements };
}

/** Dates: MMDDCCYY in US cards, CCYYMMDD in Canadian cards and in version 1. → YYYY-MM-DD */
export function aamvaDate(value: string | undefined, country: string | undefined, version: number): string | undefined {
  if (!value || !/^\d{8}$/.test(value)) return undefined;
  const ymd = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const mdy = `${value.slice(4, 8)}-${value.slice(0, 2)}-${value.slice(2, 4)}`;
  const real = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  const preferred = country === 'CAN' || version === 1 ? [ymd, mdy] : [mdy, ymd];
  return preferred.find(real);
}
