/** WorkflowsAsCode: definitions compiled at synth, deployed with the shared role; invalid ones fail synth. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATES } from '../../compiler';
import type { StudioSettingsInput } from '../../lib/config';
import { ENTRY_METADATA } from '../../lib/functions';
import { RecordsProperties, WORKFLOW_RECORDS_TYPE } from '../../lambdas/workflows/as-code-resource';
import { actionsOf, resourcesOf, synthStudio } from './synth';

const dir = mkdtempSync(path.join(tmpdir(), 'studio-wac-'));
const write = (name: string, definition: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof definition === 'string' ? definition : JSON.stringify(definition));
  return file;
};
const valid = TEMPLATES.slice(0, 2).map((t) => write(`${t.name}.workflow.json`, t.definition));

describe('valid definitions', () => {
  const { stack, template } = synthStudio({ workflows: valid });
  // Workflow machines only (the stack's own, e.g. the purge machine of lib/lifecycle.ts, are not workflows).
  const machines = Object.fromEntries(Object.entries(resourcesOf(template, 'AWS::StepFunctions::StateMachine'))
    .filter(([, m]) => String(m.Properties!.StateMachineName).includes('--')));
  const roleId = stack.getLogicalId(stack.runtime.role.node.defaultChild as never);

  test('one Standard machine per file, named <prefix>--<file>', () => {
    expect(Object.values(machines).map((m) => m.Properties!.StateMachineName).sort())
      .toEqual(TEMPLATES.slice(0, 2).map((t) => `studio-prod--${t.name}`).sort());
  });
  test('shared role, logging ALL without execution data, X-Ray tracing', () => {
    for (const m of Object.values(machines)) {
      expect(m.Properties).toMatchObject({
        StateMachineType: 'STANDARD', RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, TracingConfiguration: { Enabled: true },
        LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: expect.anything() } }] },
      });
    }
    expect(Object.keys(machines)).toHaveLength(2);
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
  test('each machine is runnable: a version of its current revision, the alias live on it, and the records the API reads', () => {
    const versions = resourcesOf(template, 'AWS::StepFunctions::StateMachineVersion');
    const aliases = resourcesOf(template, 'AWS::StepFunctions::StateMachineAlias');
    const records = resourcesOf(template, WORKFLOW_RECORDS_TYPE);
    expect([Object.keys(versions).length, Object.keys(aliases).length, Object.keys(records).length]).toEqual([2, 2, 2]);
    for (const [machineId, machine] of Object.entries(machines)) {
      const name = machine.Properties!.StateMachineName as string;
      const id = name.slice('studio-prod--'.length);
      const [versionId] = Object.entries(versions).find(([, v]) => JSON.stringify(v.Properties!.StateMachineArn) === JSON.stringify({ Ref: machineId }))!;
      // A new version whenever the definition changes: the version is replaced with the revision.
      expect(versions[versionId]!.Properties!.StateMachineRevisionId).toEqual({ 'Fn::GetAtt': [machineId, 'StateMachineRevisionId'] });
      const [aliasId, alias] = Object.entries(aliases).find(([, a]) => JSON.stringify(a.Properties!.RoutingConfiguration) === JSON.stringify([{ StateMachineVersionArn: { Ref: versionId }, Weight: 100 }]))!;
      expect(alias.Properties!.Name).toBe('live');
      const definition = TEMPLATES.find((t) => `studio-prod--${t.name}` === name)!.definition;
      const [, record] = Object.entries(records).find(([, r]) => r.Properties!.WorkflowId === id)!;
      expect(record.Properties).toMatchObject({
        TableName: { Ref: stack.getLogicalId(stack.data.table.node.defaultChild as never) }, Environment: 'live',
        Definition: JSON.stringify(definition), Name: (definition as { name: string }).name,
        StateMachineArn: { Ref: machineId }, StateMachineVersionArn: { Ref: versionId }, AliasArn: { Ref: aliasId },
      });
      expect(RecordsProperties.omit({ TableName: true, StateMachineArn: true, StateMachineVersionArn: true, AliasArn: true }).safeParse(record.Properties).success).toBe(true);
    }
  });
  test('the records function may update items of the table and nothing else', () => {
    const records = Object.values(resourcesOf(template, WORKFLOW_RECORDS_TYPE));
    const fnId = (records[0]!.Properties!.ServiceToken as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[fnId]!;
    expect(fn.Metadata?.[ENTRY_METADATA]).toBe('lambdas/workflows/as-code-resource.ts');
    const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties!.Roles) === JSON.stringify([{ Ref: roleId }]));
    const actions = policies.flatMap((p) => actionsOf(p.Properties!.PolicyDocument)).sort();
    expect(actions.filter((a) => !a.startsWith('logs:'))).toEqual(['dynamodb:UpdateItem', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
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
    const machines = Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine')).filter((m) => String(m.Properties!.StateMachineName).includes('--'));
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
