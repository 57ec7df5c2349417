/**
 * Bundling of the reports function: esbuild inlines the handler and every pure-JS dependency;
 * the packages of REPORT_NODE_MODULES stay external and are installed for linux on the stack's architecture next to
 * index.js by an afterBundling hook (see lib/report-assets.ts and README.md).
 * CDK's own `nodeModules` option is not used: it runs `npm ci` with a package.json that no
 * longer matches the lock file, and cannot ask npm for another platform's binaries.
 */
import path from 'node:path';
import type { BundlingOptions, ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { REPORT_NODE_MODULES, type ReportArchitecture } from './report-assets';

export function reportBundling(root: string, architecture: ReportArchitecture): BundlingOptions {
  const hooks: ICommandHooks = {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_input: string, outputDir: string) => [
      `node -r ${q(path.join(root, 'bin/register.js'))} ${q(path.join(root, 'lib/report-assets.ts'))} ${q(outputDir)} ${architecture}`,
    ],
  };
  return { externalModules: [...REPORT_NODE_MODULES], commandHooks: hooks };
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
