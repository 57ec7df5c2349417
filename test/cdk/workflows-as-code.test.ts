/** WorkflowsAsCode: definitions compiled at synth, deployed with the shared role; invalid ones fail synth. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { TEMPLATES } from '../../compiler';
import type { StudioSettingsInput } from '../../lib/config';
import { resourcesOf, synthStudio } from './synth';

const dir = mkdtempSync(path.join(tmpdir(), 'studio-wac-'));
const write = (name: string, definition: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof definition === 'string' ? definition : JSON.stringify(definition));
  return file;
};
const valid = TEMPLATES.slice(0, 2).map((t) => write(`${t.name}.workflow.json`, t.definition));

describe('valid definitions', () => {
  const { stack, template } = synthStudio({ workflows: valid });
  const machines = resourcesOf(template, 'AWS::StepFunctions::StateMachine');
  const roleId = stack.getLogicalId(stack.runtime.role.node.defaultChild as never);

  test('one Standard machine per file, named <prefix>--<file>', () => {
    expect(Object.values(machines).map((m) => m.Properties!.StateMachineName).sort())
      .toEqual(TEMPLATES.slice(0, 2).map((t) => `studio-prod--${t.name}`).sort());
  });
  test('shared role, logging ALL without execution data, X-Ray tracing', () => {
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD', RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }] },
    });
  });
  test('the compiled definition names its integrations in the stack\'s partition', () => {
    const text = JSON.stringify(Object.values(machines)[0]!.Properties!.DefinitionString);
    expect(text).not.toContain('arn:aws:states:::');
    expect(text).toContain('{"Ref":"AWS::Partition"},":states:::lambda:invoke');
  });
  test('the compiled definition calls the stack functions, table and bus', () => {
    const text = JSON.stringify(Object.values(machines)[0]!.Properties!.DefinitionString);
    expect(text).toContain('studio-prod-tasks');
    expect(text).toContain('studio-prod');
    expect(text).toContain(stack.getLogicalId(stack.data.table.node.defaultChild as never));
  });
});

describe('invalid definitions', () => {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/invalid/many_problems_at_once.json'), 'utf8')) as { expect: Array<{ code: string }>; definition: unknown };
  const many = write('many.workflow.json', fixture.definition);
  const notJson = write('broken.workflow.json', '{ "name": ');

  test('fail synth listing every problem of every file', () => {
    let message = '';
    try { synthStudio({ workflows: [valid[0]!, many, notJson] }); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/^WorkflowsAsCode: \d+ problem\(s\) in workflow definitions:/);
    for (const p of fixture.expect) expect(message).toContain(`${many}: [${p.code}]`);
    expect(message).toContain(`${notJson}: [invalid_json]`);
    expect(message).not.toContain(valid[0]!);
  });
});

describe('environments', () => {
  const tagsByName = (workflows: unknown, context: Record<string, unknown> = {}) => {
    const { stack, template } = synthStudio(workflows === undefined ? {} : { workflows: workflows as StudioSettingsInput['workflows'] }, context);
    const machines = Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine'));
    return { stack, tags: Object.fromEntries(machines.map((m) => [m.Properties!.StateMachineName as string, m.Properties!.Tags])) };
  };
  const [kyc, aml] = TEMPLATES.slice(0, 2).map((t) => `studio-prod--${t.name}`);

  test('a workflow deployed as code belongs to live unless it names sandbox (no other), and its machine says so', () => {
    const { stack, tags } = tagsByName([valid[0]!, { file: valid[1]!, environment: 'sandbox' }]);
    expect(tags).toEqual({ [kyc!]: [{ Key: 'studio:environment', Value: 'live' }], [aml!]: [{ Key: 'studio:environment', Value: 'sandbox' }] });
    const construct = stack.node.findChild('WorkflowsAsCode') as unknown as { environments: Record<string, string> };
    expect(construct.environments).toEqual({ [kyc!]: 'live', [aml!]: 'sandbox' });
    expect(() => synthStudio({ workflows: [{ file: valid[0]!, environment: 'staging' }] as never })).toThrow(/workflows/);
  });
  test('files named in CDK context (comma-separated) are live', () => {
    const { tags } = tagsByName(undefined, { workflows: valid.join(',') });
    expect(Object.values(tags)).toEqual([[{ Key: 'studio:environment', Value: 'live' }], [{ Key: 'studio:environment', Value: 'live' }]]);
  });
});
