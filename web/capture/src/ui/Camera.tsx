/**
 * Photo capture: the live camera (at the camera's full resolution) inside a document frame or
 * face oval, with "Upload a file" always offered; the on-device checks (`inspect`) look at each
 * camera shot (and uploads, with `inspectUploads`) before the review ("Use this photo" /
 * "Retake"). `useGate` gives live guidance (the face oval), spoken and shown over the viewfinder as
 * advice: the shutter works once the camera plays, whatever the guidance says, so nobody whose
 * face the detector misses is stuck (the shot is still checked before the review). A file that
 * cannot be used (unreadable, a PDF over 10 MB) says so in an alert of its own, the camera still
 * there; the next choice or shot clears it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canvasToJpeg, prepareImage, UnreadableImage } from '../image';
import { Heading } from './Heading';
import { LiveStatus } from './LiveStatus';
import { Review, type Shot } from './Review';
import { grab, useCamera } from './useCamera';

/** Problems found in a photo: keys under `checks.` of the locales. */
export type Inspect = (photo: HTMLCanvasElement | ImageBitmap) => Promise<string[]>;
/** Live guidance over the viewfinder: whether the frame looks good, and what to tell the end user (advice: the shutter works either way). */
export interface Gate { ready: boolean; message?: string }

interface Props {
  heading: string; hint: string; facing: 'environment' | 'user'; onPhoto(photo: Blob): void;
  inspect?: Inspect; inspectUploads?: boolean;
  /** Guidance for the live video (called with the playing <video> or undefined). */
  useGate?(video: HTMLVideoElement | undefined): Gate;
  /** Documents: a PDF (a scan) may be uploaded too, sent as it is (the document report reads its page's picture). */
  acceptPdf?: boolean;
}

/** The API's limit on an upload through /v3.6/uploads for documents (Onfido's: 10 MB). */
const MAX_PDF_BYTES = 10 * 1024 * 1024;
const isPdf = async (f: File) => f.type === 'application/pdf' || new TextDecoder().decode(await f.slice(0, 5).arrayBuffer()) === '%PDF-';

const OPEN: Gate = { ready: true };
const noGate = () => OPEN;

export function Camera({ heading, hint, facing, onPhoto, inspect, inspectUploads = false, useGate = noGate, acceptPdf = false }: Props) {
  const { t } = useTranslation();
  const [shot, setShot] = useState<Shot>();
  const [flagged, setFlagged] = useState(0);
  const [busy, setBusy] = useState(false);
  /** Why the file last chosen cannot be used (the camera's own failures are `problem`). */
  const [fileProblem, setFileProblem] = useState<string>();
  const { video, ready, problem, setProblem } = useCamera(facing, !shot);
  const gate = useGate(ready && !shot && !problem ? video.current ?? undefined : undefined);
  const file = useRef<HTMLInputElement>(null);
  const statusId = useId();
  useEffect(() => () => { if (shot?.url) URL.revokeObjectURL(shot.url); }, [shot]);

  async function review(blob: Blob, problems: string[]) {
    setProblem(undefined);
    setFlagged((n) => (problems.length ? n + 1 : 0));
    setShot({ blob, url: URL.createObjectURL(blob), problems });
  }
  async function shoot() {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    setFileProblem(undefined);
    setBusy(true);
    try {
      const canvas = grab(v);
      await review(await canvasToJpeg(canvas), inspect ? await inspect(canvas) : []);
    } finally { setBusy(false); }
  }
  async function chosen(f: File | undefined) {
    if (!f) return;
    setFileProblem(undefined);
    setBusy(true);
    try {
      if (acceptPdf && await isPdf(f)) {
        if (f.size > MAX_PDF_BYTES) { setFileProblem(t('camera.pdfTooLarge')); return; }
        setProblem(undefined);
        setFlagged(0);
        setShot({ blob: new Blob([f], { type: 'application/pdf' }), url: '', problems: [], name: f.name });
        return;
      }
      const blob = await prepareImage(f);
      let problems: string[] = [];
      if (inspect && inspectUploads) { const bitmap = await createImageBitmap(blob); problems = await inspect(bitmap); bitmap.close(); }
      await review(blob, problems);
    } catch (e) {
      if (e instanceof UnreadableImage) setFileProblem(t('camera.badFile')); else throw e;
    } finally { setBusy(false); }
  }

  if (shot) return <Review shot={shot} flagged={flagged} onUse={() => onPhoto(shot.blob)} onRetake={() => setShot(undefined)} />;
  // One live region per camera screen, there from the start: "Starting the camera…", the guidance, "Checking your photo…".
  const status = <LiveStatus id={statusId} text={busy ? t('checks.checking') : problem ? undefined : !ready ? t('camera.starting') : gate.message} />;
  return (
    <section>
      <Heading>{heading}</Heading>
      <p>{hint}</p>
      {fileProblem && <p className="error" role="alert">{fileProblem}</p>}
      {problem ? <><p className="error" role="alert">{problem}</p>{status}</> : (
        <div className={`viewfinder ${facing === 'user' ? 'face' : 'document'}${gate.ready ? '' : ' waiting'}`}>
          <video ref={video} muted playsInline aria-label={t('camera.view')} />
          <div className="frame" aria-hidden="true" />
          {status}
        </div>
      )}
      <div className="actions">
        {!problem && <button type="button" disabled={!ready || busy} aria-describedby={statusId} onClick={() => void shoot()}>{t('camera.take')}</button>}
        <button type="button" className={problem ? '' : 'secondary'} disabled={busy} onClick={() => file.current?.click()}>{t('camera.upload')}</button>
        <input ref={file} type="file" accept={acceptPdf ? 'image/*,application/pdf' : 'image/*'} hidden onChange={(e) => { void chosen(e.target.files?.[0]); e.target.value = ''; }} />
      </div>
    </section>
  );
}
