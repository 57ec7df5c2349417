/**
 * The scheduled watchlist refresh in the template: with `watchlistSources`, a daily EventBridge
 * Scheduler schedule invokes the watchlists function, which gets the sources and may read and
 * write objects under `watchlists/` of the media bucket and nothing else; the reports function
 * (which screens those lists) reads them with its media grant. Without sources: no schedule.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOf, synthStudio } from './synth';

const SOURCES = [
  { url: 'https://lists.example.org/sdn.csv', format: 'ofac-sdn-csv', alt_url: 'https://lists.example.org/alt.csv' },
  { url: 'https://lists.example.org/consolidated.xml', format: 'un-xml' },
];

describe('watchlist refresh', () => {
  const { stack, template } = synthStudio({}, { watchlistSources: JSON.stringify(SOURCES) });
  const fnId = stack.getLogicalId(stack.functions.watchlists.fn.node.defaultChild as never);
  const roleId = stack.getLogicalId(stack.functions.watchlists.role.node.defaultChild as never);
  const mediaId = stack.getLogicalId(stack.data.media.node.defaultChild as never);
  type Statement = { Sid?: string; Action: string | string[]; Resource: unknown };
  const statements = (role: string): Statement[] => Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties!.Roles).includes(role))
    .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);

  test('a schedule invokes the watchlists function once a day, with retries', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 day)', State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        RoleArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.watchlistRefresh!.role.node.defaultChild as never), 'Arn'] },
      }),
    });
    const invokes = statements(stack.getLogicalId(stack.watchlistRefresh!.role.node.defaultChild as never));
    expect(invokes.flatMap((s) => [s.Action].flat())).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(invokes.map((s) => s.Resource))).toContain(fnId);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }] });
  });

  test('the function gets the sources, and no table, bus or secret', () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[fnId]!;
    const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.parse(String(vars.STUDIO_WATCHLIST_SOURCES))).toEqual(SOURCES);
    expect(vars.SDK_TOKEN_SECRET_ARN).toBeUndefined();
  });

  test('its S3 grants are objects under watchlists/ only (read and write), with the data key', () => {
    const s3 = statements(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([{ Sid: 'WatchlistObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [mediaId, 'Arn'] }, '/watchlists/*']] } }]);
    const all = statements(roleId).flatMap((s) => [s.Action].flat());
    expect(all.filter((a) => /^(dynamodb|events|states|secretsmanager):/.test(a))).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']));
  });

  test('the reports function may read every object of the bucket, so the lists too', () => {
    const reportsRole = stack.getLogicalId(stack.functions.reports.role.node.defaultChild as never);
    expect(statements(reportsRole).some((s) => [s.Action].flat().includes('s3:GetObject')
      && JSON.stringify(s.Resource).includes(mediaId) && JSON.stringify(s.Resource).endsWith('/*"]]}'))).toBe(true);
  });

  test('without sources there is no refresh schedule; http or unknown formats are refused', () => {
    const plain = synthStudio();
    expect(plain.stack.watchlistRefresh).toBeUndefined();
    expect(Object.values(resourcesOf(plain.template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties!.ScheduleExpression)).toEqual(['rate(15 minutes)']);
    expect(() => synthStudio({}, { watchlistSources: JSON.stringify([{ url: 'http://lists.example.org/sdn.csv', format: 'ofac-sdn-csv' }]) })).toThrow(/https/);
    expect(() => synthStudio({}, { watchlistSources: JSON.stringify([{ url: 'https://lists.example.org/x.xml', format: 'eu-xml' }]) })).toThrow(/format/);
  });
});
