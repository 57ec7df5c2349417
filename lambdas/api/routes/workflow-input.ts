/** The workflow routes' boundary: JSON bodies and path parameters, each checked by one zod schema. */
import { z } from 'zod';
import { jsonDepth } from '../validate';
import { badRequest, notFound, validationError, zodFields } from '../../shared/errors';
import type { Request } from '../http';

/** Stored definitions must fit in one DynamoDB item (400 KB) beside their problems. */
export const MAX_DEFINITION_BYTES = 256 * 1024;
/** Far deeper than any workflow (conditions nest a few levels); bounds the validator's recursion. */
export const MAX_DEFINITION_DEPTH = 64;

export const CreateWorkflowBody = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  description: z.string().max(2000).optional(),
  template: z.string().min(1).max(100).optional(),
});

/** A workflow definition (any JSON value, judged by the validator), bounded in depth and size. */
export const DefinitionField = z.unknown().refine((d) => d !== undefined, 'is required: the workflow definition, any JSON value')
  .refine((d) => jsonDepth(d, MAX_DEFINITION_DEPTH) <= MAX_DEFINITION_DEPTH, `nests deeper than ${MAX_DEFINITION_DEPTH} levels`)
  .refine((d) => jsonDepth(d, MAX_DEFINITION_DEPTH) > MAX_DEFINITION_DEPTH || Buffer.byteLength(JSON.stringify(d ?? null)) <= MAX_DEFINITION_BYTES,
    `is larger than ${MAX_DEFINITION_BYTES / 1024} KB`);

/** PATCH a workflow: its name, its description, or both (nothing else). */
export const UpdateWorkflowBody = z.strictObject({
  name: CreateWorkflowBody.shape.name.optional(),
  description: CreateWorkflowBody.shape.description,
}).refine((b) => b.name !== undefined || b.description !== undefined, { path: ['name'], message: 'give name, description or both' });

export const SaveVersionBody = z.object({ definition: DefinitionField, notes: z.string().max(2000).optional() });

/** A UUID (workflows created through the API) or the file name of a workflow deployed as code
 *  (lib/workflows-as-code.ts `workflowId`: letters, digits, `-`, `_`; a machine name holds 80). */
const WorkflowId = z.union([z.uuid(), z.string().regex(/^[A-Za-z0-9_-]{1,80}$/)]);
const VersionNumber = z.string().regex(/^[1-9][0-9]{0,8}$/, 'must be a version number (1, 2, ...)').transform(Number);

/** The body as JSON, checked against `schema`: 400 if it is not JSON, 422 naming each bad field. */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(req.body.length === 0 ? '{}' : req.body.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError('There was a validation error on this request', zodFields(parsed.error.issues));
  return parsed.data;
}

/** `{id}`: a workflow id; anything that is not one cannot name a workflow (404). */
export function workflowIdParam(req: Request): string {
  const id = req.params.id ?? '';
  if (!WorkflowId.safeParse(id).success) throw notFound('Workflow', id);
  return id;
}

/** `{version}`: 1, 2, ... (422 otherwise). */
export function versionParam(req: Request): number {
  const parsed = VersionNumber.safeParse(req.params.version ?? '');
  if (!parsed.success) throw validationError('The version in the path is not a version number', zodFields(parsed.error.issues.map((i) => ({ ...i, path: ['version'] }))));
  return parsed.data;
}
