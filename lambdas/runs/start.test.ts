/** The execution ARN written with a run before its execution starts (runs/start.ts). */
import { executionArnOf } from './start';

describe('executionArnOf', () => {
  it('names the execution of a state machine version as Step Functions does', () => {
    expect(executionArnOf('arn:aws:states:eu-west-1:123456789012:stateMachine:studio-wf-abc:7', 'run-1'))
      .toBe('arn:aws:states:eu-west-1:123456789012:execution:studio-wf-abc:run-1');
  });
  it('gives none for an ARN that is not a version (alias, machine, other service)', () => {
    expect(executionArnOf('arn:aws:states:eu-west-1:123456789012:stateMachine:studio-wf-abc:live', 'run-1')).toBeUndefined();
    expect(executionArnOf('arn:aws:states:eu-west-1:123456789012:stateMachine:studio-wf-abc', 'run-1')).toBeUndefined();
    expect(executionArnOf('arn:aws:lambda:eu-west-1:123456789012:function:f:1', 'run-1')).toBeUndefined();
  });
});
