/** Synthesizes the stack once per test file, with placeholder code (no esbuild) and cdk-nag on. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addStudio } from '../../lib/app';
import type { StudioSettingsInput } from '../../lib/config';
import { BUNDLING_CONTEXT } from '../../lib/functions';
import type { StudioStack } from '../../lib/studio-stack';

export const ENV = { account: '123456789012', region: 'eu-west-1' };

export function synthStudio(settings: StudioSettingsInput = {}, context: Record<string, unknown> = {}): { stack: StudioStack; template: Template } {
  const app = new App({ context: { [BUNDLING_CONTEXT]: 'skip', ...context } });
  const stack = addStudio(app, { env: ENV, settings });
  return { stack, template: Template.fromStack(stack) };
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
