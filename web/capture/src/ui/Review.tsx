/**
 * The review of a photo: the photo, what the on-device checks found (each a reason to retake),
 * "Retake" and "Use this photo". A photo with problems offers only "Retake" the first time; a
 * second flagged photo in a row may be used anyway, so nobody is stuck with a camera the checks
 * misjudge (the reports decide in the end). A PDF is named with its size in the page's language
 * (KB under 1 MB, MB above), and the review speaks of a file, not a photo ("Choose another file", not "Retake").
 */
import { useTranslation } from 'react-i18next';
import { fileSize } from './file-size';
import { Heading } from './Heading';

/** A photo (shown from `url`), or a PDF a document was uploaded as (`name`; nothing to show: the page's CSP allows no PDF viewer). */
export interface Shot { blob: Blob; url: string; problems: string[]; name?: string }

export function Review({ shot, flagged, onUse, onRetake }: { shot: Shot; flagged: number; onUse(): void; onRetake(): void }) {
  const { t, i18n } = useTranslation();
  const pdf = shot.blob.type === 'application/pdf';
  const usable = shot.problems.length === 0 || flagged >= 2;
  return (
    <section>
      <Heading>{t(pdf ? 'camera.reviewFile' : 'camera.review')}</Heading>
      {shot.problems.length > 0 ? (
        <div className="error" role="alert">
          <ul>{shot.problems.map((p) => <li key={p}>{t(`checks.${p}` as 'checks.blur')}</li>)}</ul>
          {usable && <p>{t('checks.anyway')}</p>}
        </div>
      ) : <p>{t('camera.reviewHint')}</p>}
      {pdf
        ? <p className="file">{t('camera.pdfChosen', { name: shot.name ?? 'PDF', size: fileSize(shot.blob.size, i18n.language, t) })}</p>
        : <img className="review" src={shot.url} alt={t('camera.preview')} />}
      <div className="actions">
        {usable && <button type="button" className={shot.problems.length ? 'secondary' : ''} onClick={onUse}>{t(pdf ? 'camera.useFile' : 'camera.use')}</button>}
        <button type="button" className={shot.problems.length ? '' : 'secondary'} onClick={onRetake}>{t(pdf ? 'camera.chooseOther' : 'camera.retake')}</button>
      </div>
    </section>
  );
}
