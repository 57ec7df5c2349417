import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES, workflowJsonSchema } from '../../compiler';

describe('generated JSON Schema', () => {
  it('schema/workflow.schema.json is up to date (npm run schema rewrites it)', () => {
    const file = readFileSync(join(__dirname, '..', '..', 'schema', 'workflow.schema.json'), 'utf8');
    expect(JSON.parse(file)).toEqual(workflowJsonSchema());
  });

  it('describes every task type and requires what the zod schema requires', () => {
    const text = JSON.stringify(workflowJsonSchema());
    for (const t of ['document_capture', 'send_receive', 'parallel', 'result', 'india_tax_id_report']) expect(text).toContain(`"const":"${t}"`);
    expect((workflowJsonSchema() as { required: string[] }).required).toEqual(expect.arrayContaining(['name', 'start', 'tasks']));
    expect(TEMPLATES.length).toBeGreaterThan(0);
  });
});
