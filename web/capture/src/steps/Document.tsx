/**
 * Document capture: issuing country first, then only the types configured for it; the front, and
 * the back of two-sided documents. Camera shots are checked on the device (cut-off edges, blur,
 * glare) before the review; uploaded files (often scans filling the frame) are not.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { inspectDocument } from '../quality/browser';
import { Camera } from '../ui/Camera';
import { CountryField } from '../ui/fields';
import { Heading } from '../ui/Heading';
import { useFocusInvalid } from '../ui/useFocusInvalid';

const ALL_TYPES = ['passport', 'driving_licence', 'national_identity_card', 'residence_permit'] as const;
const ONE_SIDED = new Set(['passport']);
interface Configured { type: string; countries?: string[] }

export function DocumentStep({ config, submit }: StepProps) {
  const { t } = useTranslation();
  const configured = useMemo<Configured[]>(() => (Array.isArray(config.documents) && config.documents.length
    ? config.documents as Configured[] : ALL_TYPES.map((type) => ({ type }))), [config.documents]);
  const codes = useMemo(() => (configured.every((d) => d.countries) ? [...new Set(configured.flatMap((d) => d.countries!))] : undefined), [configured]);
  const [country, setCountry] = useState<string>();
  const [type, setType] = useState<string>();
  const [error, setError] = useState<string>();
  const { form, refused } = useFocusInvalid();
  const [stage, setStage] = useState<'choose' | 'front' | 'back'>('choose');
  const [front, setFront] = useState<Blob>();
  const types = country ? configured.filter((d) => !d.countries || d.countries.includes(country)).map((d) => d.type) : [];
  const chosenType = types.length === 1 ? types[0] : type && types.includes(type) ? type : undefined;
  const doc = chosenType ? t(`document.types.${chosenType}` as 'document.types.passport') : '';

  const send = (f: Blob, b?: Blob) => submit(async (api, applicantId) => {
    const fields = { type: chosenType!, issuing_country: country! };
    const named = (blob: Blob, side: string) => new File([blob], `${side}.${blob.type === 'application/pdf' ? 'pdf' : 'jpg'}`, { type: blob.type });
    const ids = [await api.upload('documents', applicantId, named(f, 'front'), { ...fields, side: 'front' })];
    if (b) ids.push(await api.upload('documents', applicantId, named(b, 'back'), { ...fields, side: 'back' }));
    return ids.map(({ id }) => ({ id }));
  });

  if (stage === 'front') {
    return <Camera key="front" heading={t('document.front', { doc })} hint={t('document.frontHint')} facing="environment" inspect={inspectDocument} acceptPdf
      onPhoto={(p) => { if (ONE_SIDED.has(chosenType!)) send(p); else { setFront(p); setStage('back'); } }} />;
  }
  if (stage === 'back') {
    return <Camera key="back" heading={t('document.back', { doc })} hint={t('document.backHint')} facing="environment" inspect={inspectDocument} acceptPdf
      onPhoto={(p) => send(front!, p)} />;
  }
  return (
    <form ref={form} noValidate onSubmit={(e) => {
      e.preventDefault();
      if (!country) { setError(t('document.countryUnknown')); refused(); return; }
      if (chosenType) setStage('front');
    }}>
      <Heading>{t('document.heading')}</Heading>
      <CountryField label={t('document.country')} hint={t('document.countryHint')} codes={codes} value={country} error={error}
        onChange={(c) => { setCountry(c); setError(undefined); }} />
      {country && types.length === 0 && <p className="error" role="alert">{t('document.typeNone')}</p>}
      {types.length > 1 && (
        <fieldset>
          <legend>{t('document.type')}</legend>
          {types.map((d) => (
            <label key={d} className="choice">
              <input type="radio" name="document_type" value={d} checked={type === d} onChange={() => setType(d)} />
              {t(`document.types.${d}` as 'document.types.passport')}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={!!country && !chosenType}>{t('document.next')}</button>
    </form>
  );
}
