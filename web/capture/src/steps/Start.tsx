/** The start of the journey: the welcome screen (unless the workflow turns it off) and the consent to biometric processing. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from '../ui/Heading';
import { useFocusInvalid } from '../ui/useFocusInvalid';

export function Welcome({ onStart }: { onStart(): void }) {
  const { t } = useTranslation();
  return (
    <section>
      <Heading>{t('welcome.heading')}</Heading>
      <p>{t('welcome.body')}</p>
      <button type="button" onClick={onStart}>{t('welcome.start')}</button>
    </section>
  );
}

export function Consent({ onAgree }: { onAgree(): void }) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState(false);
  const { form, refused } = useFocusInvalid();
  return (
    <form ref={form} noValidate onSubmit={(e) => { e.preventDefault(); if (agreed) onAgree(); else { setError(true); refused(); } }}>
      <Heading>{t('consent.heading')}</Heading>
      <p id="consent-body">{t('consent.body')}</p>
      <label className="choice">
        <input type="checkbox" checked={agreed} aria-describedby={error ? 'consent-error' : 'consent-body'} aria-invalid={error}
          onChange={(e) => { setAgreed(e.target.checked); setError(false); }} />
        {t('consent.agree')}
      </label>
      {error && <p className="field-error" id="consent-error">{t('consent.required')}</p>}
      <button type="submit">{t('consent.continue')}</button>
    </form>
  );
}
