/**
 * One descriptor per task type: its kind, versions, what must precede it, the type of its
 * output and which earlier outputs a report handler is sent. Adding a task type: a schema in
 * model/tasks.ts and a line here.
 */
import type { Task, TaskType } from '../model';
import { T, type DataType } from './types';

export type TaskKind = 'capture' | 'report' | 'logic' | 'retry' | 'send_receive' | 'parallel' | 'result';

export interface Prerequisite { anyOf: readonly TaskType[]; label: string }

export interface TaskDescriptor {
  kind: TaskKind;
  /** Versions of the task type, oldest first; the last is the latest. */
  versions: ReadonlyArray<{ version: number; notes: string }>;
  /** Each entry: one of `anyOf` must precede the task on every route to it. */
  requires?: (task: Task) => Prerequisite[];
  /** Type of the task's output, for `tasks.<id>.output...` paths. */
  output: (task: Task) => DataType;
  /** Reports: the earlier tasks (nearest of each type) whose outputs the handler is sent. */
  uses?: readonly TaskType[];
  /** Reports: of those earlier tasks, the configuration keys the handler is also sent (`tasks.<type>.config`). */
  usesConfig?: Partial<Record<TaskType, readonly string[]>>;
}

const FACE_CAPTURES = ['face_capture_photo', 'face_capture_video', 'face_capture_motion'] as const;
const v1 = [{ version: 1, notes: 'First version.' }];
const media = T.array(T.object({ id: T.string }, true));
const breakdown = T.object({}, true);
export const REPORT_RESULT = T.enum(['clear', 'consider']);
const reportOutput = (): DataType => T.object({ result: REPORT_RESULT, sub_result: T.string, breakdown, properties: T.object({}, true) });
const docCapture = { anyOf: ['document_capture'] as const, label: 'document_capture' };

const capture = (output: DataType): TaskDescriptor => ({ kind: 'capture', versions: v1, output: () => output });
const reportType = (uses: readonly TaskType[], requires?: (task: Task) => Prerequisite[], versions = v1, usesConfig?: TaskDescriptor['usesConfig']) =>
  ({ kind: 'report', versions, output: reportOutput, uses, ...(requires ? { requires } : {}), ...(usesConfig ? { usesConfig } : {}) }) as const;
const PERSON_SOURCES = ['autofill', 'document_report', 'profile_data_capture'] as const;

const PROFILE_TYPES: Record<string, DataType> = {
  dob: T.date, address: T.object({}, true), first_name: T.string, last_name: T.string, email: T.string,
  phone_number: T.string, country_of_residence: T.string, ssn: T.string, pan: T.string,
};
const extracted = T.object({
  document_type: T.string, issuing_country: T.string, document_number: T.string, first_name: T.string, last_name: T.string,
  date_of_birth: T.date, date_of_expiry: T.date, nationality: T.string, gender: T.string,
});
/** Capture types whose output is uploads (media ids); reports load their bytes. */
export const MEDIA_CAPTURES = ['document_capture', ...FACE_CAPTURES, 'proof_of_address_capture'] as const satisfies readonly TaskType[];

/** Facial similarity: which face capture each variant compares with the document. */
export const FACE_CAPTURE_OF_VARIANT = {
  photo: 'face_capture_photo', photo_fully_auto: 'face_capture_photo', video: 'face_capture_video', motion: 'face_capture_motion',
} as const satisfies Record<string, TaskType>;

/**
 * Report task types: the one place a report type is declared. `REPORT_TYPES` (the runtime
 * contract), the live checks (lambdas/reports/dispatch.ts), the sandbox's canned reports and
 * the report providers are keyed by it; `uses` is all a handler may read of earlier tasks.
 */
const REPORTS = {
  document_report: reportType(['document_capture'], () => [docCapture], [
    { version: 1, notes: 'MRZ, expiry and age checks.' },
    { version: 2, notes: 'Adds image_integrity.image_quality (resolution, blur, glare: a poor image is rejected) and data_consistency (MRZ against the printed fields: a mismatch is suspected).' },
  // The capture's accepted documents: the type and country read off the document are judged against them (supported_document).
  ], { document_capture: ['documents'] }),
  facial_similarity_report: reportType(['document_capture', ...FACE_CAPTURES], (t) => {
    const variant = t.type === 'facial_similarity_report' ? t.variant : 'photo';
    const face = FACE_CAPTURE_OF_VARIANT[variant];
    return [docCapture, { anyOf: [face], label: face }];
  }),
  autofill: { kind: 'report', versions: v1, uses: ['document_capture'], requires: () => [docCapture], output: () => T.object({ result: REPORT_RESULT, extracted_data: extracted }) },
  identity_report: reportType(PERSON_SOURCES),
  watchlist_report: reportType(PERSON_SOURCES),
  known_faces_report: reportType(FACE_CAPTURES, () => [{ anyOf: FACE_CAPTURES, label: 'a face capture' }]),
  // Device signals come from the uploads of every capture before it (proof of address included).
  device_intelligence_report: reportType(['document_capture', ...FACE_CAPTURES, 'proof_of_address_capture', 'profile_data_capture'],
    () => [{ anyOf: ['document_capture', ...FACE_CAPTURES], label: 'document_capture or a face capture' }]),
  driving_licence_verification: reportType(['document_capture', 'autofill', 'document_report']),
  india_tax_id_report: reportType(['profile_data_capture', 'autofill']),
  proof_of_address_report: reportType(['proof_of_address_capture', 'profile_data_capture'], () => [{ anyOf: ['proof_of_address_capture'], label: 'proof_of_address_capture' }]),
} as const satisfies Partial<Record<TaskType, TaskDescriptor & { kind: 'report'; uses: readonly TaskType[] }>>;

export type ReportType = keyof typeof REPORTS;
export const REPORT_TYPES = Object.keys(REPORTS) as [ReportType, ...ReportType[]];
/** The earlier task types a report's handler is sent (and may read). */
export const reportUses = (type: ReportType): readonly TaskType[] => REPORTS[type].uses;
/** The configuration keys of an earlier task (by type) a report's handler is sent; none when it is sent none. */
export const reportUsesConfig = (type: ReportType, earlier: TaskType): readonly string[] =>
  (REPORTS[type] as TaskDescriptor).usesConfig?.[earlier] ?? [];

export const REGISTRY: Record<TaskType, TaskDescriptor> = {
  document_capture: capture(T.array(T.object({ id: T.string, type: T.string, side: T.string, issuing_country: T.string }))),
  face_capture_photo: capture(media),
  face_capture_video: capture(media),
  // The uploads; [] on a device that cannot run Motion (its reasons are kept on the task: lambdas/tasks/motion.ts).
  face_capture_motion: capture(media),
  profile_data_capture: {
    kind: 'capture', versions: v1,
    output: (t) => T.object(Object.fromEntries((t.type === 'profile_data_capture' ? t.fields : []).map((f) => [f, PROFILE_TYPES[f] ?? T.unknown]))),
  },
  proof_of_address_capture: capture(media),
  ...REPORTS,
  logic: { kind: 'logic', versions: v1, output: () => T.unknown },
  retry: { kind: 'retry', versions: v1, output: () => T.unknown },
  send_receive: {
    kind: 'send_receive', versions: v1,
    output: (t) => T.object(Object.fromEntries(Object.entries(t.type === 'send_receive' ? t.receive ?? {} : {})
      .map(([k, f]) => [k, formatType(f.format)]))),
  },
  parallel: { kind: 'parallel', versions: v1, output: () => T.unknown },
  result: { kind: 'result', versions: v1, output: () => T.unknown },
};

export function formatType(format: string): DataType {
  switch (format) {
    case 'string': return T.string;
    case 'number': return T.number;
    case 'boolean': return T.boolean;
    case 'date': return T.date;
    case 'date_time': return T.dateTime;
    case 'string_list': return T.stringList;
    default: return T.unknown;
  }
}

export const latestVersion = (type: TaskType): number => REGISTRY[type].versions.at(-1)?.version ?? 1;
export const isInteractive = (type: TaskType): boolean => REGISTRY[type].kind === 'capture';
export const isWaiting = (type: TaskType): boolean => REGISTRY[type].kind === 'capture' || type === 'send_receive';
