/**
 * POST /v3.6/sdk_token: a 90-minute token for the capture client, scoped to one applicant of
 * the caller's environment (see auth.ts). `referrer` and `cross_device_url` are accepted as
 * Onfido does; the token is not bound to them.
 */
import { z } from 'zod';
import { validationError } from '../../shared/errors';
import { getApplicant } from '../../store/applicants';
import { createSdkToken } from '../auth';
import { json } from '../http';
import type { Router } from '../router';
import { parseJsonBody } from '../validate';

const SdkTokenBuilder = z.object({
  applicant_id: z.string().min(1).max(100),
  referrer: z.string().min(1).max(2048).optional(),
  application_id: z.string().min(1).max(200).optional(),
  cross_device_url: z.url().max(2048).optional(),
});

export function addSdkTokenRoutes(router: Router): void {
  router.add('POST', '/v3.6/sdk_token', 'api', async (req) => {
    const body = parseJsonBody(SdkTokenBuilder, req.body);
    const applicant = await getApplicant(body.applicant_id, req.caller.environment);
    if (applicant.delete_at) throw validationError(`Applicant ${applicant.id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
    return json(200, { token: createSdkToken({ applicantId: applicant.id, environment: applicant.environment }) });
  });
}
