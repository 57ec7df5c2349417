/**
 * On-device face detection with Human (BlazeFace on TensorFlow.js's WebAssembly backend), loaded
 * from `/capture/human/` (web/build.js copies it there) the first time a face step needs it.
 * `useFaceGate` watches the live video and says whether one face is centred and close enough
 * (advice: the shutter works either way), each new reading once it has held STEADY_MS; `inspectFace` checks a taken or uploaded photo. When the
 * detector cannot run on the device (no WebAssembly, the files fail to load), it says so: the
 * report checks the face in the end.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gate } from '../ui/Camera';
import { judgeFaces, type FaceBox } from './face-rules';

type Input = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;
interface Detector { detect(input: Input): Promise<{ face: Array<{ box: [number, number, number, number]; score: number }> }> }
interface HumanModule { Human: new (config: Record<string, unknown>) => Detector & { load(): Promise<void> } }

const BASE = '/capture/human/';
const CONFIG = {
  backend: 'wasm', wasmPath: BASE, wasmPlatformFetch: false, modelBasePath: `${BASE}models/`, debug: false, async: true, warmup: 'none', cacheSensitivity: 0,
  filter: { enabled: false },
  face: {
    enabled: true, detector: { enabled: true, modelPath: 'blazeface.json', rotation: false, maxDetected: 3, minConfidence: 0.3, skipFrames: 0, return: false },
    mesh: { enabled: false }, iris: { enabled: false }, emotion: { enabled: false }, description: { enabled: false }, antispoof: { enabled: false }, liveness: { enabled: false },
  },
  body: { enabled: false }, hand: { enabled: false }, object: { enabled: false }, gesture: { enabled: false }, segmentation: { enabled: false },
};

let loading: Promise<Detector> | undefined;

/** The detector, loaded once per page. */
export function faceDetector(): Promise<Detector> {
  loading ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
    const url = `${BASE}human.esm.js`;
    const mod = await (import(/* webpackIgnore: true */ url) as Promise<HumanModule>);
    const human = new mod.Human(CONFIG);
    await human.load();
    return human;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

async function boxes(input: Input): Promise<FaceBox[]> {
  const result = await (await faceDetector()).detect(input);
  return result.face.map(({ box: [x, y, width, height], score }) => ({ x, y, width, height, score }));
}

/** Problems of a face photo (keys under `checks.`): no face or several. Nothing when the detector cannot run. */
export async function inspectFace(photo: HTMLCanvasElement | ImageBitmap): Promise<string[]> {
  let found: FaceBox[];
  try { found = await boxes(photo); } catch { return []; }
  const problem = judgeFaces(found, photo, false);
  return problem ? [problem] : [];
}

/** How often the live video is looked at. */
const INTERVAL_MS = 250;
/** How long a new reading must hold before it is shown (and spoken: the guidance is a live region): a detection that flickers says nothing. */
export const STEADY_MS = 1_000;
const same = (a: Gate, b: Gate) => a.ready === b.ready && a.message === b.message;

export function useFaceGate(video: HTMLVideoElement | undefined): Gate {
  const { t } = useTranslation();
  const [gate, setGate] = useState<Gate>({ ready: false, message: t('checks.faceStarting') });
  useEffect(() => {
    if (!video) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let pending: Gate | undefined;
    // A reading is shown once it has held STEADY_MS; another one in between starts the wait again.
    const heard = (next: Gate) => {
      if (pending && same(pending, next)) return;
      pending = next;
      clearTimeout(settle);
      settle = setTimeout(() => { if (!stopped) setGate((g) => (same(g, next) ? g : next)); }, STEADY_MS);
    };
    const look = async () => {
      let next: Gate;
      try {
        const problem = judgeFaces(await boxes(video), { width: video.videoWidth, height: video.videoHeight }, true);
        next = problem ? { ready: false, message: t(`checks.${problem}`) } : { ready: true, message: t('checks.faceReady') };
      } catch {
        clearTimeout(settle);
        if (!stopped) setGate({ ready: true, message: t('checks.faceUnavailable') });
        return;
      }
      if (stopped) return;
      heard(next);
      timer = setTimeout(() => void look(), INTERVAL_MS);
    };
    void look();
    return () => { stopped = true; clearTimeout(timer); clearTimeout(settle); };
  }, [video, t]);
  return gate;
}
