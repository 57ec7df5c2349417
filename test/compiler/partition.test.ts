/** Service integrations are named in the deployment's partition (China and GovCloud too). */
import { compile, LOCAL_CONTEXT, TEMPLATES } from '../../compiler';
import { compileContext } from '../../lambdas/workflows/compile';
import { Config } from '../../lambdas/shared/config';

const resources = (json: string) => [...json.matchAll(/"Resource":\s*"([^"]+)"/g)].map((m) => m[1]!);

test.each(['aws', 'aws-cn', 'aws-us-gov'])('every Task resource of every template is in partition %s', (partition) => {
  for (const t of TEMPLATES) {
    const out = compile(t.definition, { ...LOCAL_CONTEXT, partition });
    if (!out.ok) throw new Error(`${t.name} does not compile`);
    const found = resources(out.json);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r).toMatch(new RegExp(`^arn:${partition}:states:::`));
  }
});

test('the activation handler compiles for its own region\'s partition', () => {
  expect(compileContext(Config.parse({ AWS_REGION: 'cn-north-1' })).partition).toBe('aws-cn');
  expect(compileContext(Config.parse({ AWS_REGION: 'us-gov-west-1' })).partition).toBe('aws-us-gov');
  expect(compileContext(Config.parse({ AWS_REGION: 'eu-west-1' })).partition).toBe('aws');
});
