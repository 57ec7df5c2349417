/**
 * The deploy's upgrade of workflow machines (lib/workflow-upgrade.ts): a custom resource that runs
 * after every function is deployed and whenever the compiler's sources or the compile context
 * change; its function compiles as activation does (the same configuration) and may do only what
 * lambdas/workflows/upgrade.ts calls; its answer is the stack output WorkflowMachines.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATES } from '../../compiler';
import { WORKFLOW_RECORDS_TYPE } from '../../lambdas/workflows/as-code-resource';
import { WORKFLOW_UPGRADE_TYPE } from '../../lambdas/workflows/upgrade-resource';
import { compilerFingerprint } from '../../lib/workflow-upgrade';
import { resourcesOf, studioFunctions, synthStudio } from './synth';

const { stack, template } = synthStudio();
const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const [resourceId, resource] = Object.entries(resourcesOf(template, WORKFLOW_UPGRADE_TYPE))[0]!;
type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
const statements = (): Statement[] => Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
  .filter((p) => JSON.stringify(p.Properties!.Roles).includes(id(stack.workflowUpgrade.role)))
  .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);

test('one resource, run by the upgrade function, after every function of the stack', () => {
  expect(Object.keys(resourcesOf(template, WORKFLOW_UPGRADE_TYPE))).toHaveLength(1);
  expect(resource.Properties!.ServiceToken).toEqual({ 'Fn::GetAtt': [id(stack.workflowUpgrade.fn), 'Arn'] });
  const dependsOn = (template.toJSON() as { Resources: Record<string, { DependsOn?: string[] }> }).Resources[resourceId]!.DependsOn ?? [];
  for (const fnId of Object.keys(studioFunctions(template))) expect(dependsOn).toContain(fnId);
});

test('with workflows deployed as code, after their machines and records too (it leaves them to their own deploy)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-upgrade-'));
  const file = path.join(dir, 'kyc.workflow.json');
  writeFileSync(file, JSON.stringify(TEMPLATES[0]!.definition));
  const withCode = synthStudio({ workflows: [file] }).template;
  const resources = (withCode.toJSON() as { Resources: Record<string, { Type: string; DependsOn?: string[] }> }).Resources;
  const upgrade = Object.values(resources).find((r) => r.Type === WORKFLOW_UPGRADE_TYPE)!;
  const records = Object.keys(resources).filter((k) => resources[k]!.Type === WORKFLOW_RECORDS_TYPE);
  expect(records).toHaveLength(1);
  expect(upgrade.DependsOn).toContain(records[0]);
});

test('runs again when the compiler\'s sources or the compile context change', () => {
  expect(resource.Properties).toMatchObject({
    Fingerprint: compilerFingerprint(), TaskFunction: 'studio-prod-tasks', ReportFunction: 'studio-prod-reports', EventBusName: 'studio-prod',
    TableName: { Ref: expect.any(String) },
  });
  const root = mkdtempSync(path.join(tmpdir(), 'studio-fingerprint-'));
  const write = (f: string, text: string) => { mkdirSync(path.dirname(path.join(root, f)), { recursive: true }); writeFileSync(path.join(root, f), text); };
  for (const f of ['compiler/lower/a.ts', 'compiler/lower/a.test.ts', 'lambdas/workflows/compile.ts', 'lambdas/workflows/recompile.ts', 'lambdas/workflows/upgrade.ts']) write(f, f);
  const before = compilerFingerprint(root);
  write('compiler/lower/a.test.ts', 'a test changed');
  expect(compilerFingerprint(root)).toBe(before);
  write('compiler/lower/a.ts', 'the lowering changed');
  expect(compilerFingerprint(root)).not.toBe(before);
});

test('its function compiles as activation does: the API function\'s configuration', () => {
  const fns = resourcesOf(template, 'AWS::Lambda::Function');
  const vars = (logicalId: string) => (fns[logicalId]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
  const api = vars(id(stack.functions.api.fn));
  const upgrade = vars(id(stack.workflowUpgrade.fn));
  for (const name of ['TABLE_NAME', 'EVENT_BUS_NAME', 'STATE_MACHINE_ROLE_ARN', 'STATE_MACHINE_PREFIX', 'STATE_MACHINE_LOG_GROUP_ARN', 'TASK_FUNCTION', 'REPORT_FUNCTION']) {
    expect(upgrade[name]).toEqual(api[name]);
  }
  expect(fns[id(stack.workflowUpgrade.fn)]!.Properties).toMatchObject({ Timeout: 900 });
});

test('its role: read and lease workflow items, describe and update workflow machines, move the alias; nothing else', () => {
  const actions = statements().flatMap((s) => [s.Action].flat()).filter((a) => !a.startsWith('logs:'));
  expect([...new Set(actions)].sort()).toEqual([
    'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'iam:PassRole', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey',
    'states:DescribeStateMachine', 'states:PublishStateMachineVersion', 'states:UpdateStateMachine', 'states:UpdateStateMachineAlias',
  ]);
  const on = (action: string) => statements().filter((s) => [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
  expect(on('states:UpdateStateMachine')).toEqual([expect.stringMatching(/stateMachine:studio-prod--\*"\]\]\}$/)]);
  expect(on('dynamodb:Query')).toEqual([expect.stringContaining('/index/gsi1')]);
  expect(on('iam:PassRole')).toEqual([JSON.stringify({ 'Fn::GetAtt': [id(stack.runtime.role), 'Arn'] })]);
});

test('what it did is the stack output WorkflowMachines', () => {
  expect(template.toJSON().Outputs.WorkflowMachines.Value).toEqual({ 'Fn::GetAtt': [resourceId, 'Summary'] });
});
