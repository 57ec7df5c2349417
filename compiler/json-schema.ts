/** The JSON Schema of the workflow format, generated from the zod schema (for editors and the builder). */
import { z } from 'zod';
import { Workflow } from './model';

export function workflowJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Workflow, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://open-studio.dev/schema/workflow.schema.json', title: 'Open Studio workflow definition' };
}
