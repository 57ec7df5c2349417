/**
 * A run's media: document sides, selfies, the first frame of videos and motion captures, each
 * fetched with the session (blob: URLs), zoomable in a dialog (buttons, or + / - / 0 keys) and
 * downloadable (the original file; a failed download is an alert under its item).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../api';
import { Modal } from '../Modal';
import type { Media } from './api';
import { downloadBlob, useObjectUrl } from './blob';

const ZOOMS = [1, 1.5, 2, 3, 4] as const;

/** A media item's caption: its kind and side (documents), e.g. "Document (front)". */
function useCaption() {
  const { t } = useTranslation();
  return (m: Media) => `${t(`results.media.kind.${m.kind}`)}${m.side ? ` (${t(`results.media.side.${m.side}`, { defaultValue: m.side })})` : ''}`;
}

function Item({ api, m, onZoom }: { api: Client; m: Media; onZoom: (m: Media, url: string) => void }) {
  const { t } = useTranslation();
  const caption = useCaption()(m);
  const { url, error } = useObjectUrl(api, m.image_href);
  const [failed, setFailed] = useState('');
  const download = () => {
    setFailed('');
    downloadBlob(api, m.download_href, m.file_name).catch((e: Error) => setFailed(t('results.media.downloadFailed', { caption, error: e.message })));
  };
  return (
    <figure className="media-item">
      {url ? <img src={url} alt={t('results.media.alt', { caption, task: m.task_id })} /> : <div className="media-missing">{error ? t('results.media.unavailable') : t('app.loading')}</div>}
      <figcaption>{caption} <span className="muted">{m.task_id}</span></figcaption>
      <div className="media-actions">
        <button type="button" disabled={!url} onClick={() => url && onZoom(m, url)}>{t('results.media.zoom', { caption })}</button>
        <button type="button" onClick={download}>{t('results.media.download', { caption })}</button>
      </div>
      {failed && <p role="alert" className="error">{failed}</p>}
    </figure>
  );
}

function Zoomed({ m, url, onClose }: { m: Media; url: string; onClose: () => void }) {
  const { t } = useTranslation();
  const caption = useCaption()(m);
  const [level, setLevel] = useState(0);
  const step = (d: number) => setLevel((l) => Math.min(ZOOMS.length - 1, Math.max(0, l + d)));
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') step(1);
    else if (e.key === '-') step(-1);
    else if (e.key === '0') setLevel(0);
  };
  return (
    <Modal title={caption} onClose={onClose}>
      <div className="media-zoom" onKeyDown={onKey}>
        <div className="toolbar" role="group" aria-label={t('results.media.zoomControls')}>
          <button type="button" onClick={() => step(-1)} disabled={level === 0}>{t('results.media.zoomOut')}</button>
          <output aria-live="polite">{Math.round(ZOOMS[level]! * 100)} %</output>
          <button type="button" onClick={() => step(1)} disabled={level === ZOOMS.length - 1}>{t('results.media.zoomIn')}</button>
          <button type="button" onClick={onClose}>{t('results.media.close')}</button>
        </div>
        <div className="media-zoom-view" tabIndex={0} role="region" aria-label={t('results.media.zoomed', { caption })}>
          <img src={url} alt={caption} style={{ width: `${ZOOMS[level]! * 100}%` }} />
        </div>
      </div>
    </Modal>
  );
}

export function MediaTab({ api, media }: { api: Client; media: Media[] }) {
  const { t } = useTranslation();
  const [zoomed, setZoomed] = useState<{ m: Media; url: string } | undefined>();
  if (media.length === 0) return <p>{t('results.media.none')}</p>;
  return (
    <>
      <div className="media-grid">{media.map((m) => <Item key={m.id} api={api} m={m} onZoom={(x, url) => setZoomed({ m: x, url })} />)}</div>
      {zoomed && <Zoomed m={zoomed.m} url={zoomed.url} onClose={() => setZoomed(undefined)} />}
    </>
  );
}
