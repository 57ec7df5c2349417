/**
 * Face video and Motion: the front camera recorded with MediaRecorder ("Start recording" /
 * "Stop recording") while prompts ask for a head turn left and right; stopped at the time limit
 * (Motion: when the prompts are done). A face video is previewed before sending when the task's
 * `show_confirmation` asks for it. Motion runs only where the device can (motion-support.ts):
 * elsewhere the page says so and completes the task with no upload (`[]`, the device's reasons beside it), and the workflow
 * decides the fallback. A browser that cannot record a face video has no way to skip it.
 * A face video's `show_intro` shows an intro before the camera (Intro.tsx); Motion's
 * `record_audio` asks for the microphone too, and the recording holds its sound.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Completion, type StepProps } from './types';
import { Intro, useIntro } from './Intro';
import { motionGaps, recordingType, type MotionGap } from './motion-support';
import { LIMIT_S, promptAt, PROMPTS_DONE_S } from './prompts';
import { Heading } from '../ui/Heading';
import { useCamera } from '../ui/useCamera';

interface Clip { blob: Blob; url: string }

export function VideoStep({ submit, motion, config }: StepProps & { motion: boolean }) {
  const { t } = useTranslation();
  const [gaps, setGaps] = useState<MotionGap[]>();
  const [intro, pass] = useIntro(motion ? {} : config);
  useEffect(() => { void motionGaps().then(setGaps); }, []);
  if (!gaps) return <p className="status" role="status"><span className="spinner" aria-hidden="true" />{t('app.loading')}</p>;
  if (motion && gaps.length) {
    return (
      <section>
        <Heading>{t('video.heading')}</Heading>
        <p>{t('checks.motionUnsupported')}</p>
        <button type="button" onClick={() => submit(async () => new Completion([], { motion_unsupported: { reasons: gaps } }))}>{t('checks.motionContinue')}</button>
      </section>
    );
  }
  const send = (clip: Clip) => submit(async (api, applicantId) => {
    const media = await api.upload(motion ? 'motion_captures' : 'live_videos', applicantId, new File([clip.blob], `face.${clip.blob.type === 'video/mp4' ? 'mp4' : 'webm'}`, { type: clip.blob.type }));
    return [{ id: media.id }];
  });
  if (intro) return <Intro kind="video" onContinue={pass} />;
  return <Recorder motion={motion} preview={!motion && config.show_confirmation === true} audio={motion && config.record_audio === true} onClip={send} />;
}

function Recorder({ motion, preview, audio, onClip }: { motion: boolean; preview: boolean; audio: boolean; onClip(clip: Clip): void }) {
  const { t } = useTranslation();
  const [clip, setClip] = useState<Clip>();
  const [recorder, setRecorder] = useState<MediaRecorder>();
  const [elapsed, setElapsed] = useState(0);
  const recordable = typeof MediaRecorder !== 'undefined';
  const { video, ready, problem, failure, retry } = useCamera('user', !clip && recordable, audio);
  const limit = motion ? PROMPTS_DONE_S : LIMIT_S;

  useEffect(() => {
    if (!recorder) return undefined;
    const timer = setInterval(() => setElapsed((n) => { if (n + 1 >= limit && recorder.state === 'recording') recorder.stop(); return n + 1; }), 1000);
    return () => clearInterval(timer);
  }, [recorder, limit]);

  function start() {
    const stream = video.current?.srcObject;
    if (!(stream instanceof MediaStream)) return;
    const chunks: Blob[] = [];
    const format = recordingType();
    const r = new MediaRecorder(stream, format ? { mimeType: format.mimeType } : {});
    r.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    r.onstop = () => {
      const blob = new Blob(chunks, { type: r.mimeType.split(';')[0] || format?.mimeType || 'video/webm' });
      const made = { blob, url: URL.createObjectURL(blob) };
      setRecorder(undefined);
      if (preview) setClip(made); else onClip(made);
    };
    r.start(250);
    setElapsed(0);
    setRecorder(r);
  }

  if (clip) {
    return (
      <section>
        <Heading>{t('video.heading')}</Heading>
        <video className="review" src={clip.url} controls aria-label={t('video.heading')} />
        <div className="actions">
          <button type="button" onClick={() => onClip(clip)}>{t('video.use')}</button>
          <button type="button" className="secondary" onClick={() => { URL.revokeObjectURL(clip.url); setClip(undefined); }}>{t('video.retake')}</button>
        </div>
      </section>
    );
  }
  // No photo upload here: a camera that failed can be allowed or connected, then asked for again.
  const unusable = !recordable ? t('video.unsupported') : failure ? t(audio && failure === 'blocked' ? 'audio.blocked' : `video.${failure}`) : problem;
  return (
    <section>
      <Heading>{t('video.heading')}</Heading>
      <p>{motion ? t('video.motionHint') : t('video.hint')}</p>
      {unusable ? <p className="error" role="alert">{unusable}</p> : (
        <div className="viewfinder face">
          <video ref={video} muted playsInline aria-label={t('camera.view')} />
          <div className="frame" aria-hidden="true" />
          {recorder && <p className="status prompt" aria-live="assertive">{t(promptAt(elapsed))}</p>}
        </div>
      )}
      {failure && <button type="button" onClick={retry}>{t('video.tryAgain')}</button>}
      {recorder && <p role="status">{t('video.recording', { seconds: Math.max(limit - elapsed, 0) })}</p>}
      {!unusable && (recorder
        ? <button type="button" disabled={motion && elapsed < PROMPTS_DONE_S} onClick={() => recorder.stop()}>{t('video.stop')}</button>
        : <button type="button" disabled={!ready} onClick={start}>{t('video.start')}</button>)}
    </section>
  );
}
