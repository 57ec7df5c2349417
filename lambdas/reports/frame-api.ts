/**
 * The frame routes of the API (lambdas/api/frame-routes.ts), served by the reports function,
 * which bundles ffmpeg and sharp: API Gateway payload 2.0 in, the same app (auth, errors, CORS)
 * as the API function, with only these routes.
 */
// This entry is part of the API (its frame routes) hosted by the reports function, which has
// ffmpeg and sharp: it is the one place a function imports api/ on purpose.
/* eslint-disable no-restricted-imports */
import { createApp } from '../api/app';
import { FRAME_KINDS, frameRoute, type FrameKind } from '../api/frame-routes';
import type { Request, Response } from '../api/http';
import { Router } from '../api/router';
import { bytesResponse, visibleMedia } from '../api/routes/media';
/* eslint-enable no-restricted-imports */
import { ApiError } from '../shared/errors';
import { logger } from '../shared/powertools';
import { MEDIA_KINDS, readMediaBytes } from '../store/media';
import { FaceInputError } from './face/errors';
import { extractFrames } from './face/frames';

/** The first frame as a JPEG; a video ffmpeg cannot decode is a 422. */
async function frame(kind: FrameKind, req: Request): Promise<Response> {
  const meta = await visibleMedia(kind, req);
  const bytes = await readMediaBytes(meta);
  try {
    const [first] = await extractFrames(bytes, 1);
    if (first) return bytesResponse(first, 'image/jpeg', `${meta.id}-frame.jpg`);
  } catch (e) {
    if (!(e instanceof FaceInputError)) throw e;
  }
  throw new ApiError(422, 'validation_error', `No frame could be decoded from ${MEDIA_KINDS[kind].label} ${meta.id} (${meta.file_type})`);
}

export function frameRouter(): Router {
  const router = new Router();
  for (const kind of FRAME_KINDS) router.add('GET', frameRoute(kind), 'api_or_sdk', (req) => frame(kind, req));
  return router;
}

export const frameApp = createApp(frameRouter(), (message, error) => logger.error(message, { error }));

/** An API Gateway payload 2.0 event (as opposed to a state machine's report request). */
export const isApiEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && typeof (event as { requestContext?: { http?: unknown } }).requestContext?.http === 'object';
