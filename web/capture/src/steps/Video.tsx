/**
 * Face video and Motion: the front camera recorded with MediaRecorder ("Start recording" /
 * "Stop recording", stopped at the time limit), previewed, then sent. A browser that cannot
 * record is told so: there is no way to skip the step.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepProps } from './types';
import { Heading } from '../ui/Heading';

const LIMIT_S = 15;

export function VideoStep({ submit, motion }: StepProps & { motion: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream>();
  const [recorder, setRecorder] = useState<MediaRecorder>();
  const [left, setLeft] = useState(LIMIT_S);
  const [clip, setClip] = useState<{ blob: Blob; url: string }>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (clip) return undefined;
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) { setProblem(t('video.unsupported')); return undefined; }
    let s: MediaStream | undefined;
    let stopped = false;
    navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: 'user' } }).then((got) => {
      if (stopped) { for (const tr of got.getTracks()) tr.stop(); return; }
      s = got;
      setStream(got);
      if (video.current) { video.current.srcObject = got; void video.current.play().catch(() => undefined); }
    }, (e: unknown) => setProblem(e instanceof DOMException && e.name === 'NotAllowedError' ? t('camera.blocked') : t('video.unsupported')));
    return () => { stopped = true; for (const tr of s?.getTracks() ?? []) tr.stop(); };
  }, [clip, t]);

  useEffect(() => {
    if (!recorder) return undefined;
    const timer = setInterval(() => setLeft((n) => { if (n <= 1) recorder.stop(); return Math.max(n - 1, 0); }), 1000);
    return () => clearInterval(timer);
  }, [recorder]);

  function start() {
    if (!stream) return;
    const chunks: Blob[] = [];
    const r = new MediaRecorder(stream, { mimeType: MediaRecorder.isTypeSupported('video/webm') ? 'video/webm' : '' });
    r.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    r.onstop = () => { const blob = new Blob(chunks, { type: 'video/webm' }); setRecorder(undefined); setClip({ blob, url: URL.createObjectURL(blob) }); };
    r.start(250);
    setLeft(LIMIT_S);
    setRecorder(r);
  }

  if (clip) {
    return (
      <section>
        <Heading>{t('video.heading')}</Heading>
        <video className="review" src={clip.url} controls aria-label={t('video.heading')} />
        <div className="actions">
          <button type="button" onClick={() => submit(async (api, applicantId) => {
            const media = await api.upload(motion ? 'motion_captures' : 'live_videos', applicantId, new File([clip.blob], 'face.webm', { type: 'video/webm' }));
            return [{ id: media.id }];
          })}>{t('video.use')}</button>
          <button type="button" className="secondary" onClick={() => { URL.revokeObjectURL(clip.url); setClip(undefined); }}>{t('video.retake')}</button>
        </div>
      </section>
    );
  }
  return (
    <section>
      <Heading>{t('video.heading')}</Heading>
      <p>{motion ? t('video.motionHint') : t('video.hint')}</p>
      {problem ? <p className="error" role="alert">{problem}</p> : (
        <div className="viewfinder face">
          <video ref={video} muted playsInline aria-label={t('camera.view')} />
          <div className="frame" aria-hidden="true" />
        </div>
      )}
      {recorder && <p role="status">{t('video.recording', { seconds: left })}</p>}
      {!problem && (recorder
        ? <button type="button" onClick={() => recorder.stop()}>{t('video.stop')}</button>
        : <button type="button" disabled={!stream} onClick={start}>{t('video.start')}</button>)}
    </section>
  );
}
