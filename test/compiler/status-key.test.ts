/**
 * Every state that writes a run's status writes, in the same UpdateItem, its environment's status
 * key `env_status` = `<environment>#<status>` (the key of the index `by_env_status`,
 * lambdas/store/table.ts): the environment from the execution input's `sandbox` flag, as the
 * back end starts runs (runs/create.ts: `sandbox` is `environment === 'sandbox'`).
 */
import jsonata from 'jsonata';
import { compile, LOCAL_CONTEXT, runStatusKey, TEMPLATES } from '../../compiler';
import { jsonFiles, readJson } from '../helpers/fixtures';

interface UpdateArgs { UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, { S: string }> }
interface TaskState { Type: string; Resource?: string; Arguments?: UpdateArgs }

const definitions = [
  ...TEMPLATES.map((t) => ({ name: `template ${t.name}`, definition: t.definition as unknown })),
  ...jsonFiles('golden', '.workflow.json').map((g) => ({ name: `golden ${g.name}`, definition: readJson(g.path) })),
];

/** The states of a compiled workflow that update the run item (results, and the end of a failed run). */
function runUpdates(definition: unknown): Array<[string, UpdateArgs]> {
  const c = compile(definition, LOCAL_CONTEXT);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const states = (JSON.parse(c.json) as { States: Record<string, TaskState> }).States;
  return Object.entries(states).flatMap(([name, s]) => (s.Resource?.endsWith(':dynamodb:updateItem') && s.Arguments ? [[name, s.Arguments] as [string, UpdateArgs]] : []));
}

/** A value's JSONata (`{% … %}`) as Step Functions evaluates it, for a run of `input` whose end so far is `end`. */
const evaluate = async (value: string, input: object, end: object) =>
  jsonata(value.replace(/^\{%/, '').replace(/%\}$/, '')).evaluate({}, { states: { context: { Execution: { Input: input } } }, end });

it('the key is the environment and the status', () => {
  expect(runStatusKey('sandbox', 'approved')).toBe('sandbox#approved');
  expect(runStatusKey('live', 'awaiting_input')).toBe('live#awaiting_input');
});

it.each(definitions)('$name: every status write sets env_status with it', async ({ definition }) => {
  const updates = runUpdates(definition);
  expect(updates.length).toBeGreaterThan(0);
  for (const [name, args] of updates) {
    expect([name, args.UpdateExpression]).toEqual([name, expect.stringMatching(/^SET #status = :status, #env_status = :env_status, /)]);
    expect(args.ExpressionAttributeNames['#env_status']).toBe('env_status');
    const end = { status: 'error' };
    const status = await evaluate(args.ExpressionAttributeValues[':status']!.S, { sandbox: true }, end);
    expect(typeof status).toBe('string');
    const key = args.ExpressionAttributeValues[':env_status']!.S;
    expect(await evaluate(key, { workflow_run_id: 'r', sandbox: true }, end)).toBe(`sandbox#${String(status)}`);
    expect(await evaluate(key, { workflow_run_id: 'r', sandbox: false }, end)).toBe(`live#${String(status)}`);
    // The input's schema defaults `sandbox` to false: a run without it is live.
    expect(await evaluate(key, { workflow_run_id: 'r' }, end)).toBe(`live#${String(status)}`);
  }
});
