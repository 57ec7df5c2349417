/** The retry screen: the reason's title, description and button text (from the workflow, or the standard reason's own text). */
import { useTranslation } from 'react-i18next';
import type { RetryReason } from '../api';
import { Heading } from '../ui/Heading';

const STANDARD = ['expired_document', 'unaccepted_document', 'generic_document_issue', 'generic_selfie_issue'] as const;
const ALIAS: Record<string, (typeof STANDARD)[number]> = { document_expired: 'expired_document' };

interface Props { reasons: RetryReason[]; attempt: number; maxRetries: number; onRetry(): void }

export function RetryScreen({ reasons, attempt, maxRetries, onRetry }: Props) {
  const { t } = useTranslation();
  const texts = reasons.map((r) => {
    if (typeof r !== 'string') return { title: r.title, description: r.description, button: r.button };
    const key = ALIAS[r] ?? (STANDARD as readonly string[]).find((s) => s === r);
    if (!key) return { title: t('retry.other.title'), description: t('retry.other.description'), button: undefined };
    return { title: t(`retry.${key}.title` as 'retry.expired_document.title'), description: t(`retry.${key}.description` as 'retry.expired_document.title'),
      button: t(`retry.${key}.button` as 'retry.expired_document.title') };
  });
  const first = texts[0]!;
  return (
    <section className="retry" role="alert">
      <Heading>{first.title}</Heading>
      {maxRetries > 0 && <p className="hint">{t('retry.attempt', { attempt: attempt + 1, total: maxRetries + 1 })}</p>}
      {texts.map((x, i) => <p key={i}>{i > 0 && <strong>{x.title}: </strong>}{x.description}</p>)}
      <button type="button" onClick={onRetry}>{first.button ?? t('retry.button')}</button>
    </section>
  );
}
