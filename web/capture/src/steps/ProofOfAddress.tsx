/**
 * Proof of address: the country of the address and the document type first, then guidance,
 * then the document by camera (reviewed like every photo) or as a file (PDF, JPG or PNG).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { prepareImage } from '../image';
import { Camera } from '../ui/Camera';
import { CountryField } from '../ui/fields';
import { Heading } from '../ui/Heading';
import { useFocusInvalid } from '../ui/useFocusInvalid';

const TYPES = ['utility_bill', 'bank_building_society_statement', 'council_tax', 'benefit_letters', 'government_letter'];
const MAX_BYTES = 10 * 1024 * 1024;

export function ProofOfAddressStep({ config, submit }: StepProps) {
  const { t } = useTranslation();
  const types = Array.isArray(config.document_types) && config.document_types.length ? config.document_types as string[] : TYPES;
  const [country, setCountry] = useState<string>();
  const [type, setType] = useState(types.length === 1 ? types[0] : undefined);
  const [errors, setErrors] = useState<{ country?: string; type?: string; file?: string }>({});
  const { form, refused } = useFocusInvalid();
  const [stage, setStage] = useState<'choose' | 'guide' | 'camera'>('choose');
  const file = useRef<HTMLInputElement>(null);
  const label = (k: string) => (TYPES.includes(k) ? t(`poa.types.${k}` as 'poa.types.other') : t('poa.types.other'));
  const doc = type ? label(type) : '';

  const send = (f: Blob, name: string) => submit(async (api, applicantId) =>
    [{ id: (await api.upload('documents', applicantId, new File([f], name, { type: f.type }), { type: type!, issuing_country: country! })).id }]);

  async function picked(f: File | undefined) {
    if (!f) return;
    const pdf = f.type === 'application/pdf' || /\.pdf$/i.test(f.name);
    if ((!pdf && !f.type.startsWith('image/')) || f.size > MAX_BYTES) return setErrors({ file: t('poaCapture.badFile') });
    if (pdf) return send(f, f.name || 'proof_of_address.pdf');
    try { send(await prepareImage(f), 'proof_of_address.jpg'); } catch { setErrors({ file: t('poaCapture.badFile') }); }
  }

  if (stage === 'camera') {
    return <Camera heading={t('poaCapture.photoHeading', { doc })} hint={t('poaCapture.photoHint')} facing="environment"
      onPhoto={(p) => send(p, 'proof_of_address.jpg')} />;
  }
  if (stage === 'guide') {
    return (
      <section>
        <Heading>{t('poaCapture.guideHeading', { doc })}</Heading>
        <ul className="guidance">
          <li>{t('poaCapture.guideRecent')}</li><li>{t('poaCapture.guideName')}</li><li>{t('poaCapture.guideWhole')}</li><li>{t('poaCapture.guidePdf')}</li>
        </ul>
        <div className="actions">
          <button type="button" onClick={() => setStage('camera')}>{t('poaCapture.camera')}</button>
          <button type="button" className="secondary" aria-describedby={errors.file ? 'poa-file-hint poa-file-error' : 'poa-file-hint'}
            onClick={() => file.current?.click()}>{t('camera.upload')}</button>
        </div>
        <p className="hint" id="poa-file-hint">{t('poaCapture.fileHint')}</p>
        {errors.file && <p className="field-error" id="poa-file-error" role="alert">{errors.file}</p>}
        <input ref={file} type="file" hidden accept="application/pdf,image/jpeg,image/png,image/*"
          onChange={(e) => { setErrors({}); void picked(e.target.files?.[0]); e.target.value = ''; }} />
      </section>
    );
  }
  return (
    <form ref={form} noValidate onSubmit={(e) => {
      e.preventDefault();
      const found = { ...(!country ? { country: t('document.countryUnknown') } : {}), ...(!type ? { type: t('poaCapture.typeRequired') } : {}) };
      setErrors(found);
      if (!found.country && !found.type) setStage('guide'); else refused();
    }}>
      <Heading>{t('poa.heading')}</Heading>
      <p>{t('poa.hint')}</p>
      <CountryField label={t('poaCapture.country')} hint={t('poaCapture.countryHint')} value={country} error={errors.country}
        onChange={(c) => { setCountry(c); setErrors((o) => ({ ...o, country: undefined })); }} />
      {types.length > 1 && (
        <fieldset aria-describedby={errors.type ? 'poa-type-error' : undefined}>
          <legend>{t('document.type')}</legend>
          {types.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="poa_type" value={k} checked={type === k} aria-invalid={!!errors.type} onChange={() => { setType(k); setErrors((o) => ({ ...o, type: undefined })); }} />
              {label(k)}
            </label>
          ))}
          {errors.type && <span className="field-error" id="poa-type-error">{errors.type}</span>}
        </fieldset>
      )}
      <button type="submit">{t('document.next')}</button>
    </form>
  );
}
