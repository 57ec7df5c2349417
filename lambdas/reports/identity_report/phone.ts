/** Phone numbers: valid for their country, and which country that is. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import countries from 'i18n-iso-countries';

export interface PhoneCheck { value: string; valid: boolean; e164?: string; country?: string; type?: string }

/** `residence` (alpha-3) is the default region for numbers written without +country code. */
export function checkPhone(value: string, residence?: string): PhoneCheck {
  const region = residence ? (countries.alpha3ToAlpha2(residence) as CountryCode | undefined) : undefined;
  const parsed = parsePhoneNumberFromString(value, region);
  if (!parsed) return { value, valid: false };
  const country = parsed.country ? countries.alpha2ToAlpha3(parsed.country) : undefined;
  return { value, valid: parsed.isValid(), e164: parsed.number, ...(country ? { country } : {}), ...(parsed.getType() ? { type: parsed.getType() } : {}) };
}
