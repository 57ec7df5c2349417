/**
 * Whether this device can run Motion: a camera through getUserMedia, MediaRecorder recording a
 * video type the API takes (WebM or MP4), and WebGL or WebAssembly (what the recording and the
 * on-device face tracking need). The reasons it cannot
 * are sent beside the task's empty output (`{ data: [], motion_unsupported: { reasons } }`,
 * lambdas/tasks/motion.ts); the workflow routes on the empty output (`is_empty`), to a selfie
 * photo in document_motion_fallback.
 */
export type MotionGap = 'no_get_user_media' | 'no_camera' | 'no_media_recorder' | 'no_video_format' | 'no_webgl' | 'no_webassembly';

/** The first video type MediaRecorder records here that the API takes, with the file extension; undefined when none. */
export function recordingType(): { mimeType: string; extension: string } | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  const supported = (type: string) => { try { return MediaRecorder.isTypeSupported(type); } catch { return false; } };
  return ([['video/webm', 'webm'], ['video/mp4', 'mp4']] as const).map(([mimeType, extension]) => ({ mimeType, extension })).find((f) => supported(f.mimeType));
}

function webgl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/** What this device lacks for Motion (empty when it can run it); `no_camera` when it has no video input at all. */
export async function motionGaps(): Promise<MotionGap[]> {
  const gaps: MotionGap[] = [];
  const media = navigator.mediaDevices;
  if (!media?.getUserMedia) gaps.push('no_get_user_media');
  else if (media.enumerateDevices && !(await media.enumerateDevices()).some((d) => d.kind === 'videoinput')) gaps.push('no_camera');
  if (typeof MediaRecorder === 'undefined') gaps.push('no_media_recorder');
  else if (!recordingType()) gaps.push('no_video_format');
  // Face tracking runs on WebGL or WebAssembly: either will do.
  if (!webgl() && typeof WebAssembly !== 'object') gaps.push('no_webgl', 'no_webassembly');
  return gaps;
}
