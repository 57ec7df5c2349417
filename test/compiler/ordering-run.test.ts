/**
 * An ordering op (gt, gte, lt, lte) against a value that is not a number: the validator refuses
 * it, and the compiled condition still compares false rather than failing the Choice state
 * (JSONata raises on `30 >= "18"`, which would end the run `error`).
 */
import { compile, LOCAL_CONTEXT, validate } from '../../compiler';
import { conditionExpr } from '../../compiler/lower/conditions';
import { expr } from '../../compiler/lower/jsonata';
import { report, workflowEngine } from '../engine/harness';

const DOC = [{ id: 'doc1', type: 'passport', side: 'front', issuing_country: 'GBR' }];
const definition = (value: unknown) => ({
  name: 'Ordering', start: 'doc', tasks: [
    { id: 'doc', type: 'document_capture', next: 'dr' },
    { id: 'dr', type: 'document_report', next: 'l' },
    { id: 'l', type: 'logic', branches: [{ when: { path: 'tasks.dr.output.properties.age', op: 'gte', value }, next: 'ok' }], else: 'no' },
    { id: 'ok', type: 'result', outcome: 'approve' },
    { id: 'no', type: 'result', outcome: 'decline' },
  ] });

it('refuses a non-number literal for an ordering op on a path of unknown type', () => {
  expect(validate(definition('18')).problems.map((p) => [p.code, p.task])).toEqual([['value_type_mismatch', 'l']]);
  expect(validate(definition(18)).valid).toBe(true);
});

it('a run whose condition orders against a string literal does not end error: the comparison is false', async () => {
  // The validator refuses this workflow: compile the valid one and put the refused condition's lowering in its place.
  const c = compile(definition(18), LOCAL_CONTEXT);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const choices = c.asl.States.l!.Choices as Array<{ Condition: string }>;
  choices[0]!.Condition = expr(conditionExpr({ path: 'tasks.dr.output.properties.age', op: 'gte', value: '18' }));
  const w = workflowEngine(() => report('clear', { properties: { age: 30 } }));
  w.runs.items.set('RUN#run1|RUN', { status: 'processing' });
  const executionArn = 'arn:aws:states:us-east-1:123456789012:execution:wf:run1';
  await w.engine.start({
    executionArn, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:wf', name: 'run1', definition: JSON.stringify(c.asl),
    input: JSON.stringify({ workflow_run_id: 'run1', applicant_id: 'app1', sandbox: true, applicant: {}, custom: {} }),
  });
  await w.engine.idle();
  await w.complete('doc', DOC);
  const result = await w.result(executionArn);
  expect(result.status).toBe('SUCCEEDED');
  expect(result.output).toMatchObject({ status: 'declined', task_id: 'no' });
});
