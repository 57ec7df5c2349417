/**
 * What the capture client sends to complete an interactive task, checked and turned into the
 * task's output: media ids must be uploads of the run's applicant of the right kind (document
 * captures get each document's type, side and country); profile data must hold its fields,
 * and with an SSN or a phone number the end user's consent to check it (kept on the applicant). A
 * Motion task completes with no upload (`[]`) on a device that cannot run Motion; the device's
 * reasons are kept on the task, outside the output (motion.ts).
 */
import { z } from 'zod';
import { PROFILE_FIELDS } from '../../compiler';
import { ApiError } from '../shared/errors';
import { recordConsents, type Environment } from '../store/applicants';
import { getMedia, type MediaKind } from '../store/media';
import { isLegacyMotionData, LegacyMotionData, type MotionUnsupported } from './motion';

const MEDIA_OF: Record<string, MediaKind> = {
  document_capture: 'documents',
  proof_of_address_capture: 'documents',
  face_capture_photo: 'live_photos',
  face_capture_video: 'live_videos',
  face_capture_motion: 'motion_captures',
};

const MediaList = z.array(z.object({ id: z.string().min(1) }).passthrough()).max(10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PROFILE_VALUE: Record<string, z.ZodType> = {
  dob: z.string().regex(DATE, 'must be a date YYYY-MM-DD'),
  address: z.object({ country: z.string().min(2), postcode: z.string().optional() }).passthrough(),
  email: z.string().email(),
};
/** SSN is asked only of US residents, PAN only of Indian residents: both may be absent. */
const CONDITIONAL = new Set(['ssn', 'pan']);
/** The consent the end user must give before an SSN or a phone number is checked (Onfido's applicant consents). */
export const CONSENT_FOR: Record<string, 'ssn_verification' | 'phone_number_verification'> = { ssn: 'ssn_verification', phone_number: 'phone_number_verification' };
const Consents = z.array(z.object({ name: z.enum(['ssn_verification', 'phone_number_verification']), granted: z.boolean() }).strict()).max(2);

/** `motionUnsupported`: a Motion task's device reasons, kept on the task beside its `[]` output. */
export type CaptureCheck = { ok: true; output: unknown; motionUnsupported?: MotionUnsupported } | { ok: false; fields: Record<string, string[]> };

/** `runId`: the run of the completing capture session (an SDK token of a run's link), whose own uploads alone it may name. */
export interface CaptureContext { taskType: string; config: Record<string, unknown>; applicantId: string; environment: Environment; runId?: string }

export async function checkCapture(ctx: CaptureContext, data: unknown): Promise<CaptureCheck> {
  const media = MEDIA_OF[ctx.taskType];
  if (ctx.taskType === 'face_capture_motion' && isLegacyMotionData(data)) return checkLegacyMotion(data);
  if (media) return checkMedia(ctx, media, data);
  if (ctx.taskType === 'profile_data_capture') {
    const check = checkProfile(ctx.config, data);
    const consents = check.ok ? (check.output as { consents?: z.infer<typeof Consents> }).consents : undefined;
    if (consents?.length) await recordConsents(ctx.applicantId, ctx.environment, consents); // also on the applicant, as Onfido keeps them
    return check;
  }
  return { ok: false, fields: { data: [`tasks of type ${ctx.taskType} cannot be completed by the capture client`] } };
}

/** The reasons as the data (the form of 2026-11-30): the output is `[]`, the reasons go on the task. */
function checkLegacyMotion(data: unknown): CaptureCheck {
  const parsed = LegacyMotionData.safeParse(data);
  return parsed.success ? { ok: true, output: [], motionUnsupported: parsed.data.motion_unsupported } : { ok: false, fields: issues(parsed.error) };
}

async function checkMedia(ctx: CaptureContext, kind: MediaKind, data: unknown): Promise<CaptureCheck> {
  const motion = ctx.taskType === 'face_capture_motion';
  const list = MediaList.safeParse(data);
  const shape = 'must be a list of { "id": "<media id>" }';
  if (!list.success) return { ok: false, fields: { data: [motion ? `${shape}, or [] on a device that cannot run Motion` : shape] } };
  if (list.data.length === 0) return motion ? { ok: true, output: [] } : { ok: false, fields: { data: ['must name at least one upload'] } };
  const fields: Record<string, string[]> = Object.create(null);
  const output: Array<Record<string, unknown>> = [];
  for (const [i, { id }] of list.data.entries()) {
    try {
      const meta = await getMedia(id, kind, ctx.environment);
      if (meta.applicant_id !== ctx.applicantId) throw new ApiError(404, 'resource_not_found', 'another applicant');
      if (ctx.runId !== undefined && meta.run_id !== ctx.runId) {
        fields[`data.${i}.id`] = [`is not one of this run's ${kind.replace('_', ' ')} (a capture session names only what it uploaded)`];
        continue;
      }
      output.push(kind === 'documents' ? { id, ...pick(meta.details, ['type', 'side', 'issuing_country']) } : { id });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      fields[`data.${i}.id`] = [`is not one of this applicant's ${kind.replace('_', ' ')}`];
    }
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, output };
}

function checkProfile(config: Record<string, unknown>, data: unknown): CaptureCheck {
  const wanted = z.array(z.enum(PROFILE_FIELDS)).safeParse(config.fields);
  const names = wanted.success ? wanted.data : [];
  const shape = Object.fromEntries(names.map((f) => {
    const value = PROFILE_VALUE[f] ?? z.string().min(1);
    return [f, CONDITIONAL.has(f) ? value.optional() : value];
  }));
  const needsConsent = names.some((f) => CONSENT_FOR[f]);
  const parsed = z.object({ ...shape, ...(needsConsent ? { consents: Consents.optional() } : {}) }).strict().superRefine((d: Record<string, unknown>, ctx) => {
    const granted = new Set((d.consents as z.infer<typeof Consents> | undefined)?.filter((c) => c.granted).map((c) => c.name));
    for (const [field, consent] of Object.entries(CONSENT_FOR)) {
      if (d[field] !== undefined && !granted.has(consent)) ctx.addIssue({ code: 'custom', path: ['consents'], message: `must grant ${consent} when ${field} is given` });
    }
  }).safeParse(data);
  return parsed.success ? { ok: true, output: parsed.data } : { ok: false, fields: issues(parsed.error) };
}

function issues(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  for (const issue of error.issues) {
    const key = ['data', ...issue.path.map(String)].join('.');
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

const pick = (o: Record<string, unknown>, names: string[]) => Object.fromEntries(names.filter((n) => o[n] !== undefined).map((n) => [n, o[n]]));
