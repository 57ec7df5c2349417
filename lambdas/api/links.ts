/**
 * Capture links and sessions. A run's `link.url` carries a link token (`#link=<token>`): signed
 * like SDK tokens but for another purpose, so it never works as a `Bearer` token. It names the
 * run and holds no expiry of its own: it opens capture sessions while the run has not ended,
 * `link.expires_at` (read from the run each time) has not passed and the applicant is not
 * deleted. A session is a short SDK token scoped to the run, never valid past `link.expires_at`;
 * the capture page asks for a new one with the link before it expires. Every run-scoped SDK
 * token (a session, or the run's `sdk_token`) is refused once the run has ended or its link has
 * expired (auth.ts), whatever its `exp`.
 */
import { isoSeconds } from '../shared/ids';
import { ApiError, unauthorized } from '../shared/errors';
import { getRun, isEnded, linkExpired } from '../store/runs';
import { createSdkToken, LINK_PURPOSE as PURPOSE, LinkPayload, readSignedToken, sdkTokenExpiry } from '../shared/tokens';
import { assertActiveApplicant } from './auth';

export { createLinkToken } from '../shared/tokens';
export { linkExpired } from '../store/runs';

export const SESSION_SECONDS = 15 * 60;

export interface CaptureSession { token: string; expires_at: string; workflow_run_id: string; applicant_id: string }

/** A new session for the holder of a link token; 401 (never telling why a run is unknown) otherwise. */
export async function openCaptureSession(linkToken: string, now: number, seconds = SESSION_SECONDS): Promise<CaptureSession> {
  const link = readSignedToken(linkToken, LinkPayload, PURPOSE);
  const run = await getRun(link.run_id);
  if (!run || run.environment !== link.environment || run.applicant_id !== link.applicant_id) throw unauthorized();
  // Told apart by type (the page says "already completed" or follows expired_redirect_url, which
  // only the holder of this run's signed link learns).
  if (isEnded(run.status)) throw new ApiError(401, 'run_ended', 'This verification has ended; the link can no longer be used');
  if (linkExpired(run, now)) {
    const redirect = run.link.expired_redirect_url;
    throw new ApiError(401, 'link_expired', 'This link has expired; ask for a new one', {}, {}, redirect ? { expired_redirect_url: redirect } : {});
  }
  await assertActiveApplicant(run.applicant_id, run.environment);
  const until = run.link.expires_at === null ? undefined : Date.parse(run.link.expires_at);
  const token = createSdkToken({ applicantId: run.applicant_id, environment: run.environment, runId: run.id }, now, seconds, until);
  const exp = sdkTokenExpiry(now, seconds, until);
  return { token, expires_at: isoSeconds(new Date(exp * 1000)), workflow_run_id: run.id, applicant_id: run.applicant_id };
}
