/**
 * Does the document name the applicant at the applicant's address? Statements print names as
 * "MRS J DOE" or "Jane Doe": the surname must appear on a line with the first name or its
 * initial. The address matches when its postcode, building number and street words appear.
 */
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import { fold } from '../identity_report';
import type { ApplicantData } from '../types';

export type NameMatch = { last_name: boolean; first_name: 'full' | 'initial' | 'absent'; line?: string };

const close = (a: string, b: string) => a === b || (a.length > 3 && jaroWinkler(a, b) >= 0.92);

export function matchName(text: string, first: string, last: string): NameMatch {
  const lastTokens = fold(last).split(' ').filter(Boolean);
  const firstToken = fold(first).split(' ')[0] ?? '';
  let best: NameMatch = { last_name: false, first_name: 'absent' };
  for (const line of text.split('\n')) {
    const words = fold(line).split(' ');
    if (!lastTokens.every((t) => words.some((w) => close(w, t)))) continue;
    const full = words.some((w) => close(w, firstToken));
    const initial = words.some((w) => w.length === 1 && w === firstToken[0]);
    const found: NameMatch = { last_name: true, first_name: full ? 'full' : initial ? 'initial' : 'absent', line: line.trim() };
    if (found.first_name === 'full') return found;
    if (best.first_name === 'absent') best = found;
  }
  return best;
}

/** Street-type words vary ("Road"/"Rd"), so they are not required. */
const STREET_TYPES = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'drive', 'dr', 'close', 'cl', 'court', 'ct', 'place', 'pl', 'way', 'crescent', 'cres', 'terrace', 'gardens', 'boulevard', 'blvd']);

export interface AddressMatch { postcode: boolean | null; building_number: boolean | null; street: boolean | null; town: boolean | null }

export function matchAddress(text: string, address: NonNullable<ApplicantData['address']>): AddressMatch {
  const words = new Set(fold(text).split(' '));
  const squashed = fold(text).replace(/ /g, '');
  const line = [address.building_number, address.street ?? address.line1].filter(Boolean).join(' ');
  const lineWords = fold(line).split(' ').filter(Boolean);
  const number = address.building_number ? fold(address.building_number) : lineWords.find((w) => /\d/.test(w));
  const streetWords = lineWords.filter((w) => !/\d/.test(w) && !STREET_TYPES.has(w));
  return {
    postcode: address.postcode ? squashed.includes(fold(address.postcode).replace(/ /g, '')) : null,
    building_number: number ? words.has(number) : null,
    street: streetWords.length ? streetWords.every((w) => words.has(w)) : null,
    town: address.town ? fold(address.town).split(' ').every((w) => words.has(w)) : null,
  };
}
