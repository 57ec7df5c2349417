/** Proof of address: the document type, then a photo or PDF of it. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { Field } from '../ui/fields';
import { Heading } from '../ui/Heading';

const TYPES = ['utility_bill', 'bank_building_society_statement', 'council_tax', 'benefit_letters', 'government_letter'];

export function ProofOfAddressStep({ config, submit }: StepProps) {
  const { t } = useTranslation();
  const types = Array.isArray(config.document_types) && config.document_types.length ? config.document_types as string[] : TYPES;
  const [type, setType] = useState(types[0]!);
  const [error, setError] = useState<string>();
  const file = useRef<HTMLInputElement>(null);
  const label = (k: string) => (TYPES.includes(k) ? t(`poa.types.${k}` as 'poa.types.other') : t('poa.types.other'));
  return (
    <form noValidate onSubmit={(e) => {
      e.preventDefault();
      const f = file.current?.files?.[0];
      if (!f) return setError(t('profile.required'));
      submit(async (api, applicantId) => [{ id: (await api.upload('documents', applicantId, f, { type })).id }]);
    }}>
      <Heading>{t('poa.heading')}</Heading>
      <Field label={t('document.type')}>
        {({ id }) => <select id={id} value={type} onChange={(e) => setType(e.target.value)}>{types.map((k) => <option key={k} value={k}>{label(k)}</option>)}</select>}
      </Field>
      <Field label={t('poa.file')} hint={t('poa.hint')} error={error}>
        {({ id, describedBy, invalid }) => <input id={id} ref={file} type="file" accept="image/*,application/pdf" aria-describedby={describedBy}
          aria-invalid={invalid} onChange={() => setError(undefined)} />}
      </Field>
      <button type="submit">{t('poa.send')}</button>
    </form>
  );
}
