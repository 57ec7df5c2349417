/**
 * Synthesizes the stack with placeholder code (no esbuild) and cdk-nag on. CDK's built-in
 * CloudFormation validation (a WebAssembly engine, ~14 s of CPU to start in every test file)
 * is off here and checked once, with its report asserted, in validation.test.ts.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addStudio } from '../../lib/app';
import type { StudioSettingsInput } from '../../lib/config';
import { BUNDLING_CONTEXT } from '../../lib/functions';
import type { StudioStack } from '../../lib/studio-stack';

export const ENV = { account: '123456789012', region: 'eu-west-1' };

export function synthStudio(settings: StudioSettingsInput = {}, context: Record<string, unknown> = {}): { stack: StudioStack; template: Template } {
  const app = new App({ builtinCloudFormationValidation: false, context: { [BUNDLING_CONTEXT]: 'skip', ...context } });
  const stack = addStudio(app, { env: ENV, settings });
  return { stack, template: Template.fromStack(stack) };
}

export interface ValidationReport { pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[] }> }

/** Synthesizes the stack with CDK's built-in CloudFormation validation on; its report (validation-report.json). */
export function validationReport(settings: StudioSettingsInput = {}, context: Record<string, unknown> = {}): ValidationReport {
  const app = new App({ context: { [BUNDLING_CONTEXT]: 'skip', ...context } });
  addStudio(app, { env: ENV, settings });
  const assembly = app.synth();
  try {
    return JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
  } finally {
    rmSync(assembly.directory, { recursive: true, force: true });
  }
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
export const resourcesOf = (t: Template, type: string): Resources =>
  t.findResources(type) as Resources;

/** Every Action of every statement of a policy document (strings). */
export function actionsOf(document: unknown): string[] {
  const statements = (document as { Statement: Array<{ Action: string | string[] }> }).Statement;
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** The stack's own functions (the entry points), not CDK's deploy-time providers. */
export const studioFunctions = (t: Template): Resources => Object.fromEntries(Object.entries(resourcesOf(t, 'AWS::Lambda::Function'))
  .filter(([, fn]) => String(fn.Properties!.FunctionName ?? '').startsWith('studio-')));
