/** The live camera: `getUserMedia` at the camera's full resolution into a <video>, stopped when the component leaves or `active` turns false. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function useCamera(facing: 'environment' | 'user', active: boolean) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!active) return undefined;
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
  }, [active, facing, t]);

  return { video, ready, problem, setProblem };
}

/** The video's current frame at the camera's full resolution (not the preview's size). */
export function grab(v: HTMLVideoElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = v.videoWidth;
  canvas.height = v.videoHeight;
  canvas.getContext('2d')!.drawImage(v, 0, 0);
  return canvas;
}
