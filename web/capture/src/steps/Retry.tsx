/**
 * The retry screen: the reason's title, description and button text (a custom reason's from
 * the workflow, a standard reason's own text), with an example picture for each standard reason.
 */
import { useTranslation } from 'react-i18next';
import type { RetryReason } from '../api';
import { Heading } from '../ui/Heading';
import { RetryPicture, STANDARD_REASONS, type StandardReason } from '../ui/RetryPictures';

const ALIAS: Record<string, StandardReason> = { document_expired: 'expired_document' };

interface Props { reasons: RetryReason[]; attempt: number; maxRetries: number; onRetry(): void }
interface Text { title: string; description: string; button: string | undefined; standard?: StandardReason }

export function RetryScreen({ reasons, attempt, maxRetries, onRetry }: Props) {
  const { t } = useTranslation();
  const texts = reasons.map((r): Text => {
    if (typeof r !== 'string') return { title: r.title, description: r.description, button: r.button };
    const key = ALIAS[r] ?? STANDARD_REASONS.find((s) => s === r);
    if (!key) return { title: t('retry.other.title'), description: t('retry.other.description'), button: undefined };
    return { title: t(`retry.${key}.title`), description: t(`retry.${key}.description`), button: t(`retry.${key}.button`), standard: key };
  });
  const first = texts[0]!;
  const pictures = [...new Set(texts.flatMap((x) => (x.standard ? [x.standard] : [])))];
  return (
    <section className="retry" role="alert">
      <Heading>{first.title}</Heading>
      {maxRetries > 0 && <p className="hint">{t('retry.attempt', { attempt: attempt + 1, total: maxRetries + 1 })}</p>}
      {pictures.map((p) => <RetryPicture key={p} reason={p} label={t(`retryPictures.${p}`)} />)}
      {texts.map((x, i) => <p key={i}>{i > 0 && <strong>{x.title}: </strong>}{x.description}</p>)}
      <button type="button" onClick={onRetry}>{first.button ?? t('retry.button')}</button>
    </section>
  );
}
