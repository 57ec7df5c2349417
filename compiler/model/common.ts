/** Pieces shared by every task schema. */
import { z } from 'zod';

export const TASK_ID_PATTERN = /^[a-z0-9_]{1,64}$/;
export const TaskId = z.string().regex(TASK_ID_PATTERN, { message: 'a task id is 1 to 64 characters of a-z, 0-9 and _' });

/** 1 second .. 365 days, as the format's validity rules ask. Range is checked by the validator
 *  (code `timeout_out_of_range`) so that the message can say how to fix it. */
export const MAX_TIMEOUT_SECONDS = 365 * 24 * 3600;
export const TimeoutSeconds = z.number().int();

/** Routing of plain tasks: the next task, or null at the end of a parallel branch. */
export const Next = z.string().nullable();

export const base = {
  id: TaskId,
  name: z.string().max(200).optional(),
  /** The task type's version; default: the latest. */
  version: z.number().int().positive().optional(),
};

export const FORMATS = ['string', 'number', 'boolean', 'date', 'date_time', 'string_list', 'other'] as const;
export const Format = z.enum(FORMATS);
export type Format = z.infer<typeof Format>;

export const CUSTOM_INPUT_TYPES = ['string', 'boolean', 'string_list', 'number', 'date_time'] as const;

/**
 * The applicant fields a custom input or a received Send/Receive property may stand for
 * (`semantic`): a report that finds the field missing on the applicant takes it from there.
 * Other `semantic` values are free annotations.
 */
export const SEMANTIC_FIELDS = ['first_name', 'last_name', 'dob', 'email', 'phone_number', 'address', 'ssn', 'pan'] as const;
export type SemanticField = (typeof SEMANTIC_FIELDS)[number];
export const Semantic = z.string().max(64)
  .describe(`What the value stands for; an applicant field (${SEMANTIC_FIELDS.join(', ')}) is read by reports when the applicant lacks it.`);

export const APPLICANT_FIELDS = [
  'first_name', 'last_name', 'dob', 'email', 'phone_number', 'address', 'id_numbers', 'nationality', 'location',
] as const;
