/**
 * `npm test`'s checks before jest, side by side: the `npm run` scripts typecheck:project,
 * typecheck:web (together `typecheck`), lint and circular. One after the other they left CI's
 * second core partly idle: on a 2-core host (2026-12-02) the four side by side took 71 s, where
 * typecheck, lint and circular run alone one after another had taken 53 + 23 + 9 s. Each one's output is printed whole
 * when it ends (not interleaved); the exit code is 1 if any failed.
 */
const { Buffer } = require('node:buffer');
const { spawn } = require('node:child_process');

const CHECKS = [
  ['typecheck (project)', 'npm', ['run', '-s', 'typecheck:project']],
  ['typecheck (web)', 'npm', ['run', '-s', 'typecheck:web']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['circular', 'npm', ['run', '-s', 'circular']],
];

function run([name, cmd, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (e) => { out.push(Buffer.from(String(e))); resolve({ name, code: 1, out, ms: Date.now() - started }); });
    child.on('close', (code) => resolve({ name, code: code ?? 1, out, ms: Date.now() - started }));
  });
}

(async () => {
  const results = await Promise.all(CHECKS.map(async (c) => {
    const r = await run(c);
    process.stdout.write(`${r.code === 0 ? 'ok' : 'FAILED'}: ${r.name} (${(r.ms / 1000).toFixed(1)} s)\n${Buffer.concat(r.out).toString()}`);
    return r;
  }));
  process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
})();
