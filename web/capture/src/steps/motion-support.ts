/**
 * Whether this device can run Motion: a camera through getUserMedia, MediaRecorder, WebGL and
 * WebAssembly (what the recording and the on-device face tracking need). The reasons it cannot
 * are sent with the task (`{ motion_unsupported: { reasons } }`, lambdas/tasks/capture.ts), and
 * the workflow routes on them, to a selfie photo in document_motion_fallback.
 */
export type MotionGap = 'no_get_user_media' | 'no_camera' | 'no_media_recorder' | 'no_webgl' | 'no_webassembly';

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
  // Face tracking runs on WebGL or WebAssembly: either will do.
  if (!webgl() && typeof WebAssembly !== 'object') gaps.push('no_webgl', 'no_webassembly');
  return gaps;
}
