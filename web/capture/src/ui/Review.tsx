/**
 * The review of a photo: the photo, what the on-device checks found (each a reason to retake),
 * "Retake" and "Use this photo". A photo with problems offers only "Retake" the first time; a
 * second flagged photo in a row may be used anyway, so nobody is stuck with a camera the checks
 * misjudge (the reports decide in the end).
 */
import { useTranslation } from 'react-i18next';
import { Heading } from './Heading';

/** A photo (shown from `url`), or a PDF a document was uploaded as (`name`; nothing to show: the page's CSP allows no PDF viewer). */
export interface Shot { blob: Blob; url: string; problems: string[]; name?: string }

export function Review({ shot, flagged, onUse, onRetake }: { shot: Shot; flagged: number; onUse(): void; onRetake(): void }) {
  const { t } = useTranslation();
  const usable = shot.problems.length === 0 || flagged >= 2;
  return (
    <section>
      <Heading>{t('camera.review')}</Heading>
      {shot.problems.length > 0 ? (
        <div className="error" role="alert">
          <ul>{shot.problems.map((p) => <li key={p}>{t(`checks.${p}` as 'checks.blur')}</li>)}</ul>
          {usable && <p>{t('checks.anyway')}</p>}
        </div>
      ) : <p>{t('camera.reviewHint')}</p>}
      {shot.blob.type === 'application/pdf'
        ? <p className="file">{t('camera.pdfChosen', { name: shot.name ?? 'PDF', size: (shot.blob.size / 1024 / 1024).toFixed(1) })}</p>
        : <img className="review" src={shot.url} alt={t('camera.preview')} />}
      <div className="actions">
        {usable && <button type="button" className={shot.problems.length ? 'secondary' : ''} onClick={onUse}>{t('camera.use')}</button>}
        <button type="button" className={shot.problems.length ? '' : 'secondary'} onClick={onRetake}>{t('camera.retake')}</button>
      </div>
    </section>
  );
}
