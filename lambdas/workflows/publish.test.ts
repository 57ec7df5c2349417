import { clients, resetClients } from '../shared/aws';
import { discardVersion } from './publish';

describe('discardVersion', () => {
  afterEach(() => resetClients());
  it('logs a version it could not delete (for example AccessDenied) instead of swallowing the error', async () => {
    resetClients();
    clients().sfn.middlewareStack.add(() => async () => {
      throw Object.assign(new Error('not authorized to perform: states:DeleteStateMachineVersion'), { name: 'AccessDeniedException' });
    }, { step: 'initialize', name: 'deny' });
    const warnings: Array<[string, unknown]> = [];
    await discardVersion('arn:aws:states:eu-west-1:1:stateMachine:studio-prod--wf:3', { warn: (msg: string, extra: unknown) => { warnings.push([msg, extra]); } } as never);
    expect(warnings).toEqual([['Could not delete an unused state machine version', { stateMachineVersionArn: 'arn:aws:states:eu-west-1:1:stateMachine:studio-prod--wf:3', error: 'AccessDeniedException' }]]);
  });
});
