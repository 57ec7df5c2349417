/** Address: a real country, a postcode of that country's format, and agreement between sources. */
import countries from 'i18n-iso-countries';
import type { Address } from './sources';
import { fold, sameWords } from './text';

/** Postcode formats of the countries applicants come from most; others are not judged. */
const POSTCODES: Record<string, RegExp> = {
  GBR: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, USA: /^\d{5}(-\d{4})?$/, CAN: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/,
  DEU: /^\d{5}$/, FRA: /^\d{5}$/, ESP: /^\d{5}$/, ITA: /^\d{5}$/, NLD: /^\d{4} ?[A-Z]{2}$/, BEL: /^\d{4}$/,
  IND: /^\d{6}$/, AUS: /^\d{4}$/, IRL: /^[A-Z]\d[\dW] ?[A-Z\d]{4}$/, BRA: /^\d{5}-?\d{3}$/, JPN: /^\d{3}-?\d{4}$/,
  POL: /^\d{2}-\d{3}$/, PRT: /^\d{4}-\d{3}$/, SWE: /^\d{3} ?\d{2}$/, CHE: /^\d{4}$/, AUT: /^\d{4}$/, MEX: /^\d{5}$/,
};
const US_STATES = new Set(('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC '
  + 'ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP').split(' '));

export interface AddressCheck { valid: boolean; problems: string[]; country?: string }

/** Country as alpha-3, accepting alpha-2 too (documents and forms use both). */
export function alpha3(country: string | undefined): string | undefined {
  if (!country) return undefined;
  const c = country.trim().toUpperCase();
  if (c.length === 3 && countries.isValid(c)) return c;
  if (c.length === 2 && countries.isValid(c)) return countries.alpha2ToAlpha3(c);
  return undefined;
}

export function checkAddress(a: Address): AddressCheck {
  const problems: string[] = [];
  const country = alpha3(a.country);
  if (!a.country) problems.push('no country');
  else if (!country) problems.push(`"${a.country}" is not an ISO 3166-1 country code`);
  const postcode = a.postcode?.trim().toUpperCase();
  const format = country ? POSTCODES[country] : undefined;
  if (postcode && format && !format.test(postcode)) problems.push(`postcode "${a.postcode}" is not in the ${country} format`);
  if (!postcode && format) problems.push('no postcode');
  if (country === 'USA' && a.state && !US_STATES.has(a.state.trim().toUpperCase())) problems.push(`"${a.state}" is not a US state code`);
  if (!a.street && !a.line1) problems.push('no street or first line');
  return { valid: problems.length === 0, problems, ...(country ? { country } : {}) };
}

/** Street-type abbreviations (USPS and Royal Mail usage) written out before comparing. */
const ABBREVIATIONS: Record<string, string> = {
  st: 'street', rd: 'road', ave: 'avenue', av: 'avenue', blvd: 'boulevard', dr: 'drive', ln: 'lane', ct: 'court',
  pl: 'place', sq: 'square', hwy: 'highway', pkwy: 'parkway', cres: 'crescent', gdns: 'gardens', terr: 'terrace',
  ter: 'terrace', apt: 'apartment', ste: 'suite', n: 'north', s: 'south', e: 'east', w: 'west',
};
const street = (a: Address) => fold([a.building_number, a.street ?? a.line1].filter(Boolean).join(' '))
  .split(' ').map((w) => ABBREVIATIONS[w] ?? w).join(' ');
const squash = (s: string | undefined) => (s ? fold(s).replace(/ /g, '') : '');

/** Same postcode and country, and a street line and town that agree in their words. */
export function sameAddress(a: Address, b: Address): boolean {
  if (alpha3(a.country) !== alpha3(b.country)) return false;
  if (a.postcode && b.postcode && squash(a.postcode) !== squash(b.postcode)) return false;
  if (a.town && b.town && !sameWords(a.town, b.town)) return false;
  const [sa, sb] = [street(a), street(b)];
  return sa !== '' && sb !== '' && sameWords(sa, sb, 0.88);
}
