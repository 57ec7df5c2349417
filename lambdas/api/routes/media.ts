/**
 * Media uploads and reads, as Onfido's documents and live photos; live videos and motion
 * captures are uploaded the same way by the capture client (this product's own endpoints).
 * Downloads answer the bytes themselves up to the payload limit (limits.ts), and a 302 to a
 * presigned GET of the object above it (Lambda could not return them); the same in AWS and in
 * the local stack. The first frame of a video (`GET …/{id}/frame`) needs ffmpeg and sharp, so the
 * reports function serves it (lambdas/reports/frame-api.ts), not this API bundle.
 */
import { z } from 'zod';
import { notFound, validationError } from '../../shared/errors';
import { getApplicant } from '../../store/applicants';
import { ClientDevice, MEDIA_KINDS, getMedia, listMedia, readMediaBytes, saveMedia, type MediaKind, type MediaMeta, type UploadDevice } from '../../store/media';
import { presignedGet } from '../../store/s3';
import { json, type Caller, type Request, type Response } from '../http';
import { DOWNLOAD_URL_SECONDS, MAX_PAYLOAD_BYTES } from '../limits';
import { detectFileType, parseMultipart, type FileType, type Form } from '../multipart';
import type { Router } from '../router';
import { parseQuery, parseWith } from '../validate';
import { assertApplicantAccess, country } from './applicants';

const DOCUMENT_TYPES = (
  'passport driving_licence national_identity_card residence_permit passport_card tax_id visa voter_id ' +
  'residence_status_document postal_identity_card social_security_card work_permit asylum_registration_card ' +
  'national_health_insurance_card municipality_identity_card private_operators_card proof_of_citizenship ' +
  'service_id_card immigration_status_document indigenous_card vehicle_registration_card ' +
  'certificate_of_naturalisation professional_qualification_card consular_id international_driving_licence ' +
  'home_office_letter birth_certificate vehicle_registration_certificate form_for_affixing_the_visa ' +
  'identification_number_document adoption_certificate bank_building_society_statement bank_statement ' +
  'benefit_letters cbt certificate_of_sponsorship character_reference civil_partnership_certificate council_tax ' +
  'credit_card_statement deed_poll divorce_absolute_decree educational_statement electricity_bill gas_bill ' +
  'government_letter internet_bill marriage_certificate motorcycle_insurance national_insurance_card ' +
  'naturalisation_certificate non_uk_driving_licence p45_p60 payslip phone_bill professional_identification_card ' +
  'right_to_work_share_code_result statement_fact t4_student_university_term_dates_evidence ' +
  'uk_biometric_residence_permit uk_driving_licence unknown utility_bill utility_bill_electric utility_bill_gas ' +
  'utility_bill_other water_bill address_certificate general_letter insurance_statement ' +
  'pension_property_statement_letter mortgage_statement mobile_phone_bill identity_document_with_address ' +
  'exchange_house_statement accommodation_tenancy_certificate diplomatic_id travel_document'
).split(' ') as [string, ...string[]];
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const jsonString = <S extends z.ZodType>(schema: S) => z.string().transform((s, ctx) => {
  try { return JSON.parse(s) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'must be a JSON string' }); return z.NEVER; }
}).pipe(schema);
const applicant_id = z.string().min(1).max(100);
/** Every form may carry the capture client's device signals. */
const device = jsonString(ClientDevice).optional();
const Location = z.object({ ip_address: z.union([z.ipv4(), z.ipv6()]).optional(), country_of_residence: country.optional() });

/** One schema per upload form (the text fields; the file is typed by its bytes: `file_type` is taken and not used). */
const FORMS = {
  documents: z.object({
    applicant_id, type: z.enum(DOCUMENT_TYPES), side: z.enum(['front', 'back']).optional(), issuing_country: country.optional(),
    file_type: z.string().max(50).optional(), validate_image_quality: bool.optional(), location: jsonString(Location).optional(), device,
  }),
  live_photos: z.object({ applicant_id, advanced_validation: bool.optional(), device }),
  live_videos: z.object({ applicant_id, challenge: jsonString(z.array(z.record(z.string(), z.unknown())).max(10)).optional(), device }),
  motion_captures: z.object({ applicant_id, device }),
} as const satisfies Record<MediaKind, z.ZodType>;

/** Onfido's Document / LivePhoto / LiveVideo / MotionCapture object (a document's absent `side`, `issuing_country`: `null`). */
export function mediaBody(m: MediaMeta) {
  const href = `/v3.6/${m.kind}/${m.id}`;
  const base = { id: m.id, created_at: m.created_at, href, download_href: `${href}/download`, file_name: m.file_name, file_type: m.file_type, file_size: m.file_size };
  if (m.kind === 'documents') return { ...base, type: m.details.type, side: m.details.side ?? null, issuing_country: m.details.issuing_country ?? null, applicant_id: m.applicant_id };
  return m.kind === 'live_videos' && m.details.challenge ? { ...base, challenge: m.details.challenge } : base;
}

export function addMediaRoutes(router: Router): void {
  for (const kind of Object.keys(MEDIA_KINDS) as MediaKind[]) {
    const path = `/v3.6/${kind}`;
    router.add('POST', path, 'api_or_sdk', (req) => upload(kind, req));
    router.add('GET', path, 'api_or_sdk', async (req) => {
      const { applicant_id: id } = parseQuery(z.object({ applicant_id }), req.query);
      assertApplicantAccess(req.caller, id);
      await getApplicant(id, req.caller.environment);
      return json(200, { [kind]: (await listMedia(id, kind)).filter((m) => seenBy(req.caller, m)).map(mediaBody) });
    });
    router.add('GET', `${path}/{id}`, 'api_or_sdk', async (req) => json(200, mediaBody(await visibleMedia(kind, req))));
    router.add('GET', `${path}/{id}/download`, 'api_or_sdk', async (req) => {
      const meta = await visibleMedia(kind, req);
      if (meta.file_size > MAX_PAYLOAD_BYTES) return presignedRedirect(meta.object_key, meta.content_type, meta.file_name);
      return bytesResponse(await readMediaBytes(meta), meta.content_type, meta.file_name);
    });
  }
}

async function upload(kind: MediaKind, req: Request): Promise<Response> {
  const form = parseMultipart(req.body, req.headers['content-type']);
  const fields = mediaFields(kind, form.fields);
  const { file, type } = checkedFile(kind, form);
  await activeApplicant(req, fields.applicant_id);
  const meta = await saveMedia({ ...newMediaOf(kind, req, fields, type, file.fileName), bytes: file.bytes });
  return json(201, mediaBody(meta));
}

/** The text fields of an upload of `kind` (the multipart form's, or a direct upload's), checked by the form's schema. */
export const mediaFields = (kind: MediaKind, raw: Record<string, unknown>) => parseWith(FORMS[kind], raw);
export type MediaFields = ReturnType<typeof mediaFields>;

/** The applicant an upload is for: the caller's own (SDK token), not scheduled for deletion. */
export async function activeApplicant(req: Request, applicantId: string) {
  assertApplicantAccess(req.caller, applicantId);
  const applicant = await getApplicant(applicantId, req.caller.environment);
  if (applicant.delete_at) throw validationError(`Applicant ${applicant.id} is scheduled for deletion`, { applicant_id: ['is scheduled for deletion'] });
  return applicant;
}

/** Everything of the media item but its bytes, as both upload paths make it. */
export function newMediaOf(kind: MediaKind, req: Request, fields: MediaFields, type: FileType, fileName: string) {
  const { applicant_id: applicantId, file_type: _f, device: client, ...details } = fields as Record<string, unknown> & { applicant_id: string };
  return {
    kind, environment: req.caller.environment, applicantId, ...(req.caller.kind === 'sdk' && req.caller.runId ? { runId: req.caller.runId } : {}),
    fileName, fileType: kind === 'documents' ? type.ext : type.mime,
    contentType: type.mime, details, device: uploadDevice(req, client),
  };
}

/** The caller's address and user agent (from API Gateway's request context) with the client's own signals. */
function uploadDevice(req: Request, client: unknown): UploadDevice {
  return {
    ...ClientDevice.parse(client ?? {}), caller: req.caller.kind,
    ...(req.sourceIp ? { source_ip: req.sourceIp.slice(0, 100) } : {}), ...(req.userAgent ? { user_agent: req.userAgent.slice(0, 1000) } : {}),
  };
}

/**
 * Why content typed `type` (from its bytes) cannot be a `kind`: not a type the kind accepts;
 * undefined when it can. What the client declared (a part's Content-Type, `file_type`) is not
 * asked: Onfido's clients derive it from the file name, which may not be what the bytes are.
 */
export function fileTypeProblem(kind: MediaKind, type: FileType | undefined): string | undefined {
  const accepts: readonly string[] = MEDIA_KINDS[kind].accepts;
  return !type || !accepts.includes(type.ext) ? `must be one of ${accepts.join(', ')} (the content is ${type ? type.ext : 'none of these'})` : undefined;
}

/** The one `file` part, whose bytes must be a type this kind accepts (the type stored is theirs, whatever was declared). */
function checkedFile(kind: MediaKind, form: Form) {
  const files = form.files.filter((f) => f.field === 'file');
  if (files.length !== 1) throw validationError('There was a validation error on this request', { file: [files.length ? 'must be a single file' : 'is required'] });
  const file = files[0]!;
  const type: FileType | undefined = detectFileType(file.bytes);
  const problem = fileTypeProblem(kind, type);
  if (problem || !type) throw validationError('There was a validation error on this request', { file: [problem ?? 'has an unknown type'] });
  return { file, type };
}

export async function visibleMedia(kind: MediaKind, req: Request): Promise<MediaMeta> {
  const { id } = parseWith(z.object({ id: z.string().min(1).max(100) }), req.params, 'path');
  const meta = await getMedia(id, kind, req.caller.environment);
  assertApplicantAccess(req.caller, meta.applicant_id);
  if (!seenBy(req.caller, meta)) throw notFound(MEDIA_KINDS[kind].label, id);
  return meta;
}

/**
 * Whether the caller may see an upload of its applicant: a capture session (an SDK token of a
 * run's link) sees only what it uploaded itself, never the applicant's other runs' or the integrator's.
 */
export const seenBy = (caller: Caller, meta: MediaMeta): boolean =>
  caller.kind !== 'sdk' || caller.runId === undefined || meta.run_id === caller.runId;

const safeFileName = (fileName: string) => fileName.replace(/[^\w.-]+/g, '_');

/** A 302 to a short-lived presigned GET of the object: for files above the API's payload limit. */
export async function presignedRedirect(key: string, contentType: string, fileName: string): Promise<Response> {
  const location = await presignedGet(key, { contentType, fileName: safeFileName(fileName), seconds: DOWNLOAD_URL_SECONDS });
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

export function bytesResponse(bytes: Buffer, contentType: string, fileName: string): Response {
  const safeName = safeFileName(fileName);
  return { status: 200, raw: bytes, headers: { 'content-type': contentType, 'content-length': String(bytes.length), 'content-disposition': `attachment; filename="${safeName}"` } };
}
