/** A failed activation rolls back (the live alias, the lease); a rollback that fails too is logged, and the activation's own error is what the caller gets. */
import { activateVersion } from './activate';
import { pointAlias } from './publish';
import { releaseLease } from './state';

jest.mock('../store/workflows', () => ({
  ...jest.requireActual<object>('../store/workflows'),
  versionStatus: () => 'inactive',
  getWorkflowItem: async () => ({ id: 'wf1', environment: 'live', active_version: 1 }),
  getVersionItem: async (_id: string, version: number) => ({ version, definition_json: '{}', state_machine_version_arn: `arn:aws:states:us-east-1:1:stateMachine:wf1:${version}` }),
}));
jest.mock('./compile', () => ({ compileVersion: () => ({ ok: true, json: '{}' }), captureCapabilities: () => ({}) }));
jest.mock('./publish', () => ({ pointAlias: jest.fn(), publishVersion: jest.fn(), discardVersion: jest.fn() }));
jest.mock('./recompile', () => ({ refreshVersion: async (_id: string, _v: number, recorded: string) => ({ status: 'current', arn: recorded }) }));
jest.mock('./state', () => ({ acquireLease: async () => true, markActive: jest.fn(), recordMachineVersion: jest.fn(), releaseLease: jest.fn() }));

const rt = { now: () => new Date('2026-11-30T08:00:00Z'), newId: () => 'lease-1' };

it('logs a failed alias restore and a failed lease release, and rethrows the activation\'s error', async () => {
  const moving = new Error('UpdateStateMachineAlias: throttled');
  const restoring = new Error('UpdateStateMachineAlias: still throttled');
  const releasing = new Error('DynamoDB: unavailable');
  jest.mocked(pointAlias).mockRejectedValueOnce(moving).mockRejectedValueOnce(restoring);
  jest.mocked(releaseLease).mockRejectedValueOnce(releasing);
  const log = jest.fn();
  await expect(activateVersion('wf1', 2, 'live', rt, log)).rejects.toBe(moving);
  expect(log.mock.calls).toEqual([
    [expect.stringMatching(/live alias could not be restored .*version 2/), restoring],
    [expect.stringMatching(/lease could not be released/), releasing],
  ]);
});
