/**
 * CDK's built-in CloudFormation validation (cfn-lint's rules, run at synth) finds nothing in the
 * template: the default stack and one with the optional parts (watchlist refresh, an HTTP report
 * provider, a custom domain). The other test/cdk files synthesize without it (test/cdk/synth.ts):
 * its engine costs ~14 s of CPU to start, once per file.
 */
import { validationReport } from './synth';

const PROVIDERS = { watchlist_report: { type: 'http', url: 'https://screening.example.com/check', secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:screening-AbCdEf' } };
const SOURCES = [{ url: 'https://lists.example.org/sdn.csv', format: 'ofac-sdn-csv' }];

test.each([
  ['the default stack', {}, {}],
  ['a stack with watchlist refresh, an HTTP report provider and a custom domain',
    { domainName: 'verify.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    { watchlistSources: JSON.stringify(SOURCES), reportProviders: JSON.stringify(PROVIDERS) }],
])('%s passes CloudFormation validation', (_name, settings, context) => {
  const report = validationReport(settings, context);
  expect(report.pluginReports.map((r) => r.pluginName)).toContain('CloudFormation Validate');
  for (const r of report.pluginReports) expect({ plugin: r.pluginName, conclusion: r.conclusion, violations: r.violations }).toEqual({ plugin: r.pluginName, conclusion: 'success', violations: [] });
}, 120_000);
