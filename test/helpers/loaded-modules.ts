/**
 * What a module loads, measured in a Node process of its own (jest's module registry is per
 * file, and shares nothing with the process): `script` runs there through bin/register.js, as
 * `studio` and the npm scripts run the sources, with no instance metadata; the answer is every file
 * in that process's require cache once the script's synchronous part has run.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export function modulesLoadedBy(script: string): string[] {
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'bin/register.js'), '-e', `${script};
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  return JSON.parse(out) as string[];
}
