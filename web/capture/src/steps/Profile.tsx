/**
 * Profile data: country of residence first (when asked), then the other fields; SSN only for
 * US residents and PAN only for Indian residents; with an SSN or a phone number, the consent to
 * check it (sent as `consents`, which the API requires). Each error is tied to its field.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { ConsentBox, CountryField, Field } from '../ui/fields';
import { Heading } from '../ui/Heading';
import { useFocusInvalid } from '../ui/useFocusInvalid';

type Name = 'first_name' | 'last_name' | 'dob' | 'email' | 'phone_number' | 'ssn' | 'pan';
const INPUT: Record<Name, { type: string; autoComplete: string; pattern?: RegExp }> = {
  first_name: { type: 'text', autoComplete: 'given-name' }, last_name: { type: 'text', autoComplete: 'family-name' },
  dob: { type: 'date', autoComplete: 'bday' }, email: { type: 'email', autoComplete: 'email', pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
  phone_number: { type: 'tel', autoComplete: 'tel', pattern: /^\+?[0-9 ()-]{6,20}$/ },
  ssn: { type: 'text', autoComplete: 'off', pattern: /^\d{3}-?\d{2}-?\d{4}$/ }, pan: { type: 'text', autoComplete: 'off', pattern: /^[A-Z]{5}[0-9]{4}[A-Z]$/ },
};
const HINT: Partial<Record<Name, string>> = { phone_number: 'profile.phoneHint', ssn: 'profile.ssnHint', pan: 'profile.panHint' };
const CONSENTS = [['ssn', 'ssn_verification'], ['phone_number', 'phone_number_verification']] as const;
const ADDRESS = [['building_number', false], ['street', true], ['town', true], ['state', false], ['postcode', false]] as const;

export function ProfileStep({ config, submit }: StepProps) {
  const { t } = useTranslation();
  const asked = new Set(Array.isArray(config.fields) ? config.fields as string[] : []);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, refused } = useFocusInvalid();
  const residence = values.country_of_residence;
  const shown = (Object.keys(INPUT) as Name[]).filter((n) => asked.has(n)
    && (n !== 'ssn' || !asked.has('country_of_residence') || residence === 'USA')
    && (n !== 'pan' || !asked.has('country_of_residence') || residence === 'IND'));
  const consents = CONSENTS.filter(([field]) => shown.includes(field));
  const set = (k: string, v: string | undefined) => { setValues((o) => ({ ...o, [k]: v ?? '' })); setErrors((o) => ({ ...o, [k]: '' })); };

  function collect(): Record<string, unknown> | undefined {
    const found: Record<string, string> = {};
    const data: Record<string, unknown> = {};
    if (asked.has('country_of_residence')) { if (residence) data.country_of_residence = residence; else found.country_of_residence = t('profile.required'); }
    for (const n of shown) {
      const v = (values[n] ?? '').trim();
      if (!v) found[n] = t('profile.required');
      else if (INPUT[n].pattern && !INPUT[n].pattern.test(n === 'pan' ? v.toUpperCase() : v)) found[n] = t('profile.invalid');
      else data[n] = n === 'pan' ? v.toUpperCase() : v;
    }
    if (asked.has('address')) {
      const a: Record<string, string> = {};
      for (const [k, required] of ADDRESS) { const v = (values[`address.${k}`] ?? '').trim(); if (v) a[k] = v; else if (required) found[`address.${k}`] = t('profile.required'); }
      if (values['address.country']) a.country = values['address.country']; else found['address.country'] = t('profile.required');
      data.address = a;
    }
    for (const [, name] of consents) if (values[`consent.${name}`] !== 'yes') found[`consent.${name}`] = t('consents.required');
    if (consents.length) data.consents = consents.map(([, name]) => ({ name, granted: true }));
    setErrors(found);
    return Object.values(found).some(Boolean) ? undefined : data;
  }

  const input = (key: string, label: string, type = 'text', autoComplete = 'off', hint?: string, optional = false) => (
    <Field key={key} label={optional ? `${label} ${t('profile.optional')}` : label} hint={hint} error={errors[key] || undefined}>
      {({ id, describedBy, invalid }) => <input id={id} name={key} type={type} autoComplete={autoComplete} value={values[key] ?? ''}
        aria-describedby={describedBy} aria-invalid={invalid} required={!optional} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  return (
    <form ref={form} noValidate onSubmit={(e) => { e.preventDefault(); const data = collect(); if (data) submit(() => Promise.resolve(data)); else refused(); }}>
      <Heading>{t('profile.heading')}</Heading>
      {asked.has('country_of_residence') && <CountryField label={t('profile.fields.country_of_residence')} value={residence}
        error={errors.country_of_residence || undefined} onChange={(c) => set('country_of_residence', c)} />}
      {shown.map((n) => input(n, t(`profile.fields.${n}`), INPUT[n].type, INPUT[n].autoComplete, HINT[n] && t(HINT[n] as 'profile.phoneHint')))}
      {asked.has('address') && (
        <fieldset>
          <legend>{t('profile.address')}</legend>
          {ADDRESS.map(([k, required]) => input(`address.${k}`, t(`profile.fields.${k}`), 'text', 'off', undefined, !required))}
          <CountryField label={t('profile.fields.country')} value={values['address.country']} error={errors['address.country'] || undefined}
            onChange={(c) => set('address.country', c)} />
        </fieldset>
      )}
      {consents.length > 0 && (
        <fieldset>
          <legend>{t('consents.heading')}</legend>
          {consents.map(([, name]) => <ConsentBox key={name} label={t(`consents.${name}`)} error={errors[`consent.${name}`] || undefined}
            checked={values[`consent.${name}`] === 'yes'} onChange={(yes) => set(`consent.${name}`, yes ? 'yes' : '')} />)}
        </fieldset>
      )}
      <button type="submit">{t('profile.continue')}</button>
    </form>
  );
}
