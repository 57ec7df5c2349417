/**
 * The whole CDK app in one call, shared by bin/app.ts and the tests: the stack, its accepted
 * cdk-nag findings and the AwsSolutions pack (any other finding fails synth).
 */
import { type App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { prefixOf, settingsFrom, type StudioSettingsInput } from './config';
import { suppressNagFindings } from './nag';
import { StudioStack } from './studio-stack';

export function addStudio(app: App, p: { env?: Environment; settings?: StudioSettingsInput } = {}): StudioStack {
  const settings = settingsFrom((k) => app.node.tryGetContext(k), p.settings);
  const stack = new StudioStack(app, `OpenStudio-${settings.stage}`, {
    env: p.env, settings: p.settings, description: `Open Studio identity verification (${prefixOf(settings)})`,
  });
  suppressNagFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
