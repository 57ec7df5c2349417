/**
 * POST /v3.6/sdk_token: a 90-minute token for the capture client, scoped to one applicant of
 * the caller's environment (see auth.ts). `referrer` and `cross_device_url` are accepted as
 * Onfido does; the token is not bound to them.
 * POST /v3.6/capture_sessions (an extension): a short SDK token for the holder of a run's link
 * token (see links.ts); the capture page calls it on opening and before its session expires.
 */
import { z } from 'zod';
import { validationError } from '../../shared/errors';
import { getApplicant } from '../../store/applicants';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { createSdkToken } from '../auth';
import { openCaptureSession } from '../links';
import { json } from '../http';
import type { Router } from '../router';
import { parseJsonBody } from '../validate';

const SdkTokenBuilder = z.object({
  applicant_id: z.string().min(1).max(100),
  referrer: z.string().min(1).max(2048).optional(),
  application_id: z.string().min(1).max(200).optional(),
  cross_device_url: z.url().max(2048).optional(),
});

const CaptureSessionBody = z.object({ link_token: z.string().min(1).max(2048) });

export function addSdkTokenRoutes(router: Router, rt: Runtime = systemRuntime): void {
  router.add('POST', '/v3.6/sdk_token', 'api', async (req) => {
    const body = parseJsonBody(SdkTokenBuilder, req.body);
    const applicant = await getApplicant(body.applicant_id, req.caller.environment);
    if (applicant.delete_at) throw validationError(`Applicant ${applicant.id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
    return json(200, { token: createSdkToken({ applicantId: applicant.id, environment: applicant.environment }, rt.now().getTime()) });
  });
  // Public: the link token in the body is the credential.
  router.add('POST', '/v3.6/capture_sessions', 'public', async (req) => {
    const body = parseJsonBody(CaptureSessionBody, req.body);
    return json(200, await openCaptureSession(body.link_token, rt.now().getTime()));
  });
}
