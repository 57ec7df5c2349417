/** The workflow definition: the product's central contract, one zod schema. */
import { z } from 'zod';
import { APPLICANT_FIELDS, CUSTOM_INPUT_TYPES, Format, Semantic, TaskId } from './common';
import { Task } from './tasks';

/** A custom input; every configured one is required when a run is created unless `required: false`. */
export const CustomInput = z.object({
  type: z.enum(CUSTOM_INPUT_TYPES), required: z.boolean().optional(), semantic: Semantic.optional(),
}).strict();

export const WorkflowInput = z.object({
  applicant: z.union([z.literal('all'), z.array(z.enum(APPLICANT_FIELDS))]).optional(),
  custom: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, { message: 'custom input names are 1 to 64 of A-Z, a-z, 0-9 and _' }), CustomInput).optional(),
}).strict();

export const OutputProperty = z.object({ format: Format, description: z.string().optional() }).strict();

/**
 * How the capture page presents the workflow: its welcome screen (default shown) and the
 * integrator's branding; `generic_link`: anyone may start a run at `/capture/f/<workflow id>`.
 */
export const WorkflowSettings = z.object({
  welcome: z.boolean().optional(),
  generic_link: z.boolean().optional(),
  branding: z.object({
    logo_url: z.string().url().regex(/^https:\/\//, { message: 'the logo is an https URL' }).max(2000).optional(),
    primary_colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'a colour is #RRGGBB' }).optional(),
  }).strict().optional(),
}).strict();
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

export const Workflow = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  input: WorkflowInput.optional(),
  output: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), OutputProperty).optional(),
  settings: WorkflowSettings.optional(),
  start: TaskId,
  tasks: z.array(Task).min(1),
}).strict();
export type Workflow = z.infer<typeof Workflow>;
export type WorkflowInput = z.infer<typeof WorkflowInput>;
