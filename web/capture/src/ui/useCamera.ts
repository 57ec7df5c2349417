/** The live camera: `getUserMedia` at the camera's full resolution into a <video> (with the microphone when `audio`), stopped when the component leaves or `active` turns false.
 *  `failure` says why there is none (`blocked`: not allowed; `unavailable`: no camera or it failed); `retry` asks again. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function useCamera(facing: 'environment' | 'user', active: boolean, audio = false) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [failure, setFailure] = useState<'blocked' | 'unavailable'>();
  const [attempt, setAttempt] = useState(0);
  const fail = (kind: 'blocked' | 'unavailable') => { setFailure(kind); setProblem(t(`camera.${kind}`)); };

  useEffect(() => {
    if (!active) return undefined;
    let stream: MediaStream | undefined;
    let stopped = false;
    setReady(false);
    if (!navigator.mediaDevices?.getUserMedia) { fail('unavailable'); return undefined; }
    navigator.mediaDevices.getUserMedia({ audio, video: { facingMode: facing, width: { ideal: 4096 }, height: { ideal: 3072 } } }).then((s) => {
      if (stopped) { for (const track of s.getTracks()) track.stop(); return; }
      stream = s;
      if (video.current) { video.current.srcObject = s; void video.current.play().then(() => setReady(true), () => setReady(true)); }
    }, (e: unknown) => fail(e instanceof DOMException && e.name === 'NotAllowedError' ? 'blocked' : 'unavailable'));
    return () => { stopped = true; for (const track of stream?.getTracks() ?? []) track.stop(); };
  }, [active, facing, audio, t, attempt]);

  const retry = () => { setProblem(undefined); setFailure(undefined); setAttempt((n) => n + 1); };
  return { video, ready, problem, setProblem, failure, retry };
}

/** The video's current frame at the camera's full resolution (not the preview's size). */
export function grab(v: HTMLVideoElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = v.videoWidth;
  canvas.height = v.videoHeight;
  canvas.getContext('2d')!.drawImage(v, 0, 0);
  return canvas;
}
