/**
 * The intro before a face capture's camera opens, when the task's `show_intro` asks for it: what
 * the capture is for and how to take it; "Open the camera" goes on. Without `show_intro` (or with
 * false) the camera opens at once.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from '../ui/Heading';

export function Intro({ kind, onContinue }: { kind: 'selfie' | 'video'; onContinue(): void }) {
  const { t } = useTranslation();
  return (
    <section>
      <Heading>{t(kind === 'selfie' ? 'intro.selfieHeading' : 'intro.videoHeading')}</Heading>
      <p>{t(kind === 'selfie' ? 'intro.selfieBody' : 'intro.videoBody')}</p>
      <button type="button" onClick={onContinue}>{t('intro.continue')}</button>
    </section>
  );
}

/** Whether the intro is still to be shown: true until it is passed, when the configuration asks for it. */
export function useIntro(config: Record<string, unknown>): [boolean, () => void] {
  const [shown, setShown] = useState(config.show_intro === true);
  return [shown, () => setShown(false)];
}
