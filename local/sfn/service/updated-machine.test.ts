/**
 * What an upgrade of workflow machines relies on (lambdas/workflows/recompile.ts): UpdateStateMachine
 * publishing a new version leaves the executions already started on the definition they started with,
 * as on AWS ("running executions will continue to use the previous definition"), also after the
 * engine and the control plane restart from their data folder; executions started on the new version
 * run the new definition. The real engine, not the fake one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LambdaHandler } from '../contract';
import { createEngine, type SfnEngine } from '../engine';
import { createSfnApi } from './api';
import { ControlPlane } from './control-plane';
import { ROLE } from './test/fixtures';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:workflow';
/** Waits for a task token, then ends with `{ compiled: <tag> }`. */
const definition = (tag: string) => JSON.stringify({
  StartAt: 'Wait',
  States: {
    Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'hold', Payload: { 'token.$': '$$.Task.Token' } }, Next: 'Done' },
    Done: { Type: 'Pass', Result: { compiled: tag }, End: true },
  },
});

let dataDir: string;
const engines: SfnEngine[] = [];
beforeEach(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'sfn-updated-')); });
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  await rm(dataDir, { recursive: true, force: true });
});

const tokens: string[] = [];
const hold: LambdaHandler = async (event) => { tokens.push((event as { token: string }).token); return {}; };
async function open() {
  const engine = createEngine({ lambdas: { hold }, region: 'us-east-1', accountId: '000000000000', dataDir: path.join(dataDir, 'engine') });
  engines.push(engine);
  const controlPlane = await ControlPlane.open({ dataDir: path.join(dataDir, 'control-plane') });
  return { engine, api: createSfnApi({ engine, controlPlane }) };
}
const outputOf = async (api: Awaited<ReturnType<typeof open>>['api'], executionArn: string) =>
  JSON.parse((await api.describeExecution({ executionArn })).output ?? 'null') as unknown;

it('an execution started before an UpdateStateMachine (publish) keeps its definition, across a restart too', async () => {
  const first = await open();
  const created = await first.api.createStateMachine({ name: 'workflow', definition: definition('old'), roleArn: ROLE, publish: true, versionDescription: 'workflow version 1' });
  const before = await first.api.startExecution({ stateMachineArn: created.stateMachineVersionArn!, name: 'before' });
  await first.engine.idle();
  const updated = await first.api.updateStateMachine({ stateMachineArn: ARN, definition: definition('new'), publish: true, versionDescription: 'workflow version 1' });
  expect(updated.stateMachineVersionArn).toBe(`${ARN}:2`);
  const after = await first.api.startExecution({ stateMachineArn: updated.stateMachineVersionArn!, name: 'after' });
  await first.engine.idle();
  expect(tokens).toHaveLength(2);
  await first.api.sendTaskSuccess({ taskToken: tokens[1]!, output: '{}' });
  await first.engine.idle();
  expect(await outputOf(first.api, after.executionArn!)).toEqual({ compiled: 'new' });

  // A third execution waits across a restart of the engine and the control plane.
  const third = await first.api.startExecution({ stateMachineArn: `${ARN}:1`, name: 'third' });
  await first.engine.idle();
  await first.engine.close();
  engines.splice(0);
  const second = await open();
  await second.api.updateStateMachine({ stateMachineArn: ARN, definition: definition('newest'), publish: true });
  for (const token of [tokens[0]!, tokens[2]!]) await second.api.sendTaskSuccess({ taskToken: token, output: '{}' });
  await second.engine.idle();
  expect(await outputOf(second.api, before.executionArn!)).toEqual({ compiled: 'old' });
  expect(await outputOf(second.api, third.executionArn!)).toEqual({ compiled: 'old' });
  expect((await second.api.describeStateMachineForExecution({ executionArn: before.executionArn! })).definition).toBe(definition('old'));
});
