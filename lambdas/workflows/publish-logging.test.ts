/** Workflow machines the API publishes log without execution data (every state's input and output holds run data). */
import { observability } from './publish';

it('with the stack\'s log group: level ALL, includeExecutionData false; locally (no log group) nothing', () => {
  const arn = 'arn:aws:logs:eu-west-1:123456789012:log-group:/studio/workflows:*';
  expect(observability(arn)).toEqual({
    loggingConfiguration: { level: 'ALL', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: arn } }] },
    tracingConfiguration: { enabled: true },
  });
  expect(observability(undefined)).toEqual({});
});
