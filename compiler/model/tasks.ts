/** zod schemas of every task type. The Workflow schema (workflow.ts) is their union. */
import { z } from 'zod';
import { Condition } from './conditions';
import { base, Format, Next, Semantic, TaskId, TimeoutSeconds } from './common';

const DOCUMENT_TYPES = ['passport', 'national_identity_card', 'driving_licence', 'residence_permit'] as const;
const COUNTRY = z.string().regex(/^[A-Z]{3}$/, { message: 'countries are ISO 3166-1 alpha-3 codes such as GBR' });
const interactive = { ...base, next: Next, timeout_seconds: TimeoutSeconds.optional() };

export const DocumentCapture = z.object({
  ...interactive, type: z.literal('document_capture'),
  documents: z.array(z.object({ type: z.enum(DOCUMENT_TYPES), countries: z.array(COUNTRY).optional() }).strict()).optional(),
  // A web page cannot read a document's NFC chip (README, "NFC"): "optional" reads none; "required" could never pass, so it is refused.
  nfc: z.enum(['off', 'optional'], {
    error: (i) => (i.input === 'required' ? 'nfc "required" is not supported: the web capture page cannot read a document\'s NFC chip; use "off" or "optional" (no chip is read)' : undefined),
  }).optional(),
  force_cross_device: z.boolean().optional(),
}).strict();
export const FaceCapturePhoto = z.object({ ...interactive, type: z.literal('face_capture_photo'), show_intro: z.boolean().optional() }).strict();
export const FaceCaptureVideo = z.object({
  ...interactive, type: z.literal('face_capture_video'), show_intro: z.boolean().optional(), show_confirmation: z.boolean().optional(),
}).strict();
export const FaceCaptureMotion = z.object({ ...interactive, type: z.literal('face_capture_motion'), record_audio: z.boolean().optional() }).strict();
export const PROFILE_FIELDS = ['first_name', 'last_name', 'dob', 'email', 'phone_number', 'address', 'country_of_residence', 'ssn', 'pan'] as const;
export const ProfileDataCapture = z.object({
  ...interactive, type: z.literal('profile_data_capture'), fields: z.array(z.enum(PROFILE_FIELDS)).min(1),
}).strict();
export const ProofOfAddressCapture = z.object({
  ...interactive, type: z.literal('proof_of_address_capture'),
  document_types: z.array(z.string().regex(/^[a-z_]{1,64}$/)).min(1).optional(),
}).strict();

const report = { ...base, next: Next, timeout_seconds: TimeoutSeconds.optional() };
export const Autofill = z.object({ ...report, type: z.literal('autofill') }).strict();
export const DocumentReport = z.object({
  ...report, type: z.literal('document_report'),
  variant: z.enum(['standard', 'with_address', 'with_driving_licence']).optional(),
  processing: z.enum(['auto', 'manual', 'hybrid']).optional(),
}).strict();
export const FacialSimilarityReport = z.object({
  ...report, type: z.literal('facial_similarity_report'), variant: z.enum(['photo', 'photo_fully_auto', 'video', 'motion']),
}).strict();
export const KnownFacesReport = z.object({ ...report, type: z.literal('known_faces_report') }).strict();
export const DeviceIntelligenceReport = z.object({ ...report, type: z.literal('device_intelligence_report') }).strict();
export const IdentityReport = z.object({ ...report, type: z.literal('identity_report'), match_ssn: z.boolean().optional() }).strict();
export const WatchlistReport = z.object({ ...report, type: z.literal('watchlist_report'), variant: z.enum(['standard', 'aml']).optional() }).strict();
export const DrivingLicenceVerification = z.object({ ...report, type: z.literal('driving_licence_verification') }).strict();
export const IndiaTaxIdReport = z.object({ ...report, type: z.literal('india_tax_id_report') }).strict();
export const ProofOfAddressReport = z.object({ ...report, type: z.literal('proof_of_address_report') }).strict();

export const Branch = z.object({ name: z.string().max(200).optional(), when: Condition, next: TaskId.nullable() }).strict();
export const Logic = z.object({
  ...base, type: z.literal('logic'), branches: z.array(Branch).min(1), else: TaskId.nullable(),
}).strict();

export const STANDARD_RETRY_REASONS = ['generic_document_issue', 'unaccepted_document', 'expired_document', 'generic_selfie_issue'] as const;
export const CustomRetryReason = z.object({
  title: z.string().min(1).max(120), description: z.string().min(1).max(500), button: z.string().min(1).max(40).optional(),
}).strict();
export const Retry = z.object({
  ...base, type: z.literal('retry'),
  reasons: z.array(z.union([z.enum(STANDARD_RETRY_REASONS), CustomRetryReason])).min(1),
  target: TaskId,
  max_retries: z.number().int(),
  limit_reached: TaskId.nullable(),
}).strict();

const SEND_RECEIVE_ID = z.string().regex(/^[0-9a-z_-]+$/, { message: 'task definition ids and versions match ^[0-9a-z_-]+$' });
export const SendField = z.object({ format: Format, source: z.string(), semantic: Semantic.optional() }).strict();
export const ReceiveField = z.object({ format: Format, required: z.boolean().optional(), semantic: Semantic.optional() }).strict();
export const SendReceive = z.object({
  ...base, type: z.literal('send_receive'), next: Next,
  task_def_id: SEND_RECEIVE_ID, task_def_version: SEND_RECEIVE_ID,
  send: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), SendField).optional(),
  receive: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), ReceiveField).optional(),
  timeout_seconds: TimeoutSeconds.optional(),
}).strict();

export const Parallel = z.object({
  ...base, type: z.literal('parallel'), branches: z.array(z.object({ start: TaskId }).strict()).min(2), next: Next,
}).strict();

export const Result = z.object({
  ...base, type: z.literal('result'), outcome: z.enum(['approve', 'review', 'decline']),
  reasons: z.array(z.string().regex(/^[a-z0-9_]{1,64}$/, { message: 'a reason is 1 to 64 characters of a-z, 0-9 and _' })).optional(),
  output: z.record(z.string(), z.string()).optional(),
}).strict();

export const TASK_SCHEMAS = {
  document_capture: DocumentCapture, face_capture_photo: FaceCapturePhoto, face_capture_video: FaceCaptureVideo,
  face_capture_motion: FaceCaptureMotion, profile_data_capture: ProfileDataCapture, proof_of_address_capture: ProofOfAddressCapture,
  autofill: Autofill, document_report: DocumentReport, facial_similarity_report: FacialSimilarityReport,
  known_faces_report: KnownFacesReport, device_intelligence_report: DeviceIntelligenceReport, identity_report: IdentityReport,
  watchlist_report: WatchlistReport, driving_licence_verification: DrivingLicenceVerification, india_tax_id_report: IndiaTaxIdReport,
  proof_of_address_report: ProofOfAddressReport, logic: Logic, retry: Retry, send_receive: SendReceive, parallel: Parallel, result: Result,
} as const;
export type TaskType = keyof typeof TASK_SCHEMAS;
export const TASK_TYPES = Object.keys(TASK_SCHEMAS) as TaskType[];

export const Task = z.discriminatedUnion('type', [
  DocumentCapture, FaceCapturePhoto, FaceCaptureVideo, FaceCaptureMotion, ProfileDataCapture, ProofOfAddressCapture,
  Autofill, DocumentReport, FacialSimilarityReport, KnownFacesReport, DeviceIntelligenceReport, IdentityReport,
  WatchlistReport, DrivingLicenceVerification, IndiaTaxIdReport, ProofOfAddressReport, Logic, Retry, SendReceive, Parallel, Result,
]);
export type Task = z.infer<typeof Task>;
export type TaskOf<T extends TaskType> = Extract<Task, { type: T }>;
