/**
 * Photo capture: the live camera (`getUserMedia`, at the camera's full resolution, JPEG quality
 * 0.92) inside a document frame or face oval, with "Upload a file" always offered; then a
 * review ("Use this photo" / "Retake").
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canvasToJpeg, prepareImage, UnreadableImage } from '../image';
import { Heading } from './Heading';

interface Props { heading: string; hint: string; facing: 'environment' | 'user'; onPhoto(photo: Blob): void }

export function Camera({ heading, hint, facing, onPhoto }: Props) {
  const { t } = useTranslation();
  const [photo, setPhoto] = useState<{ blob: Blob; url: string }>();
  const [problem, setProblem] = useState<string>();
  const [ready, setReady] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (photo) return undefined;
    let stream: MediaStream | undefined;
    let stopped = false;
    setReady(false);
    if (!navigator.mediaDevices?.getUserMedia) { setProblem(t('camera.unavailable')); return undefined; }
    navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: facing, width: { ideal: 4096 }, height: { ideal: 3072 } } }).then((s) => {
      if (stopped) { for (const track of s.getTracks()) track.stop(); return; }
      stream = s;
      if (video.current) { video.current.srcObject = s; void video.current.play().then(() => setReady(true), () => setReady(true)); }
    }, (e: unknown) => setProblem(e instanceof DOMException && e.name === 'NotAllowedError' ? t('camera.blocked') : t('camera.unavailable')));
    return () => { stopped = true; for (const track of stream?.getTracks() ?? []) track.stop(); };
  }, [photo, facing, t]);
  useEffect(() => () => { if (photo) URL.revokeObjectURL(photo.url); }, [photo]);

  const keep = (blob: Blob) => { setProblem(undefined); setPhoto({ blob, url: URL.createObjectURL(blob) }); };
  async function shoot() {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth; // the camera's full resolution, not the preview's size
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    keep(await canvasToJpeg(canvas));
  }
  async function chosen(f: File | undefined) {
    if (!f) return;
    try { keep(await prepareImage(f)); } catch (e) { if (e instanceof UnreadableImage) setProblem(t('camera.badFile')); else throw e; }
  }

  if (photo) {
    return (
      <section>
        <Heading>{t('camera.review')}</Heading>
        <p>{t('camera.reviewHint')}</p>
        <img className="review" src={photo.url} alt={t('camera.preview')} />
        <div className="actions">
          <button type="button" onClick={() => onPhoto(photo.blob)}>{t('camera.use')}</button>
          <button type="button" className="secondary" onClick={() => setPhoto(undefined)}>{t('camera.retake')}</button>
        </div>
      </section>
    );
  }
  return (
    <section>
      <Heading>{heading}</Heading>
      <p>{hint}</p>
      {problem ? <p className="error" role="alert">{problem}</p> : (
        <div className={`viewfinder ${facing === 'user' ? 'face' : 'document'}`}>
          <video ref={video} muted playsInline aria-label={t('camera.view')} />
          <div className="frame" aria-hidden="true" />
          {!ready && <p className="status">{t('camera.starting')}</p>}
        </div>
      )}
      <div className="actions">
        {!problem && <button type="button" disabled={!ready} onClick={() => void shoot()}>{t('camera.take')}</button>}
        <button type="button" className={problem ? '' : 'secondary'} onClick={() => file.current?.click()}>{t('camera.upload')}</button>
        <input ref={file} type="file" accept="image/*" hidden onChange={(e) => { void chosen(e.target.files?.[0]); e.target.value = ''; }} />
      </div>
    </section>
  );
}
