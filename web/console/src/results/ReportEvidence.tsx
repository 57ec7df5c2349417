/**
 * What an analyst sees of a waiting document report before deciding it: why it waits (its
 * processing, automatic result and sub-result), its breakdown down to the leaves (list "Breakdown
 * of <report>"), what it read (group "Properties of <report>") and each document it read, shown
 * (img "Document <type side>", fetched with the session) and downloadable ("Download <type side>").
 */
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import type { ReportReview } from './api';
import { downloadBlob, useObjectUrl } from './blob';
import { BreakdownTree } from './Breakdown';

const shown = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

function Properties({ report, properties }: { report: string; properties: Record<string, unknown> }) {
  const { t } = useTranslation();
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  return (
    <div role="group" aria-label={t('review.propertiesOf', { report })} className="review-properties">
      <dl>{entries.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{shown(v)}</dd></div>)}</dl>
    </div>
  );
}

function Document({ api, media, onError }: { api: Client; media: ReportReview['media'][number]; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const what = [media.type, media.side].filter(Boolean).join(' ') || media.id;
  const { url, type, error } = useObjectUrl(api, media.download_href);
  const missing = error ? t('results.media.unavailable') : url ? t('review.noPreview') : t('app.loading');
  return (
    <figure className="media-item">
      {url && type.startsWith('image/') ? <img src={url} alt={t('review.document', { what })} /> : <div className="media-missing">{missing}</div>}
      <button type="button" onClick={() => { downloadBlob(api, media.download_href, media.id).catch((e: Error) => onError(e.message)); }}>
        {t('review.download', { what })}
      </button>
    </figure>
  );
}

export function ReportEvidence({ api, review, onError }: { api: Client; review: ReportReview; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const { automatic } = review;
  return (
    <div className="report-evidence">
      <p>
        {t('review.reportWaiting', { processing: review.processing, result: automatic.result })}
        {automatic.sub_result && <> {t('review.subResult', { sub: automatic.sub_result })}</>}
      </p>
      <BreakdownTree nodes={automatic.breakdown} label={t('review.breakdownOf', { report: review.name })} />
      <Properties report={review.name} properties={automatic.properties} />
      <div className="media-grid">{review.media.map((m) => <Document key={m.id} api={api} media={m} onError={onError} />)}</div>
    </div>
  );
}
