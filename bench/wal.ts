/**
 * DynamoDB Local's write-ahead log under load: `npm run bench:wal`. A stack with its data on disk
 * (as `npm start`) runs BENCH_RUNS (default 700) whole runs — create, the Send/Receive task
 * answered, the run ended — and the WAL's size is sampled every 50 runs; then the stack stops and
 * the WAL left behind is measured. The checkpoints of local/stack (every 5 s and on stop) keep
 * it bounded: the bound is 64 MB during the runs and nothing after a stop.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startStack } from '../local/stack';
import { client } from '../local/stack/client';
import { SHARED_DB_FILE } from '../local/stack/dynamodb';

const RUNS = Number(process.env.BENCH_RUNS ?? 700);
const LIMIT_MB = 64;
const WORKFLOW = {
  name: 'wal', start: 'risk',
  tasks: [
    { id: 'risk', type: 'send_receive', task_def_id: 'risk_score', task_def_version: '1', timeout_seconds: 3600, receive: { score: { format: 'number', required: true } }, next: 'done' },
    { id: 'done', type: 'result', outcome: 'approve', reasons: ['bench'] },
  ],
};

const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-wal-'));
  const wal = path.join(dir, 'dynamodb', `${SHARED_DB_FILE}-wal`);
  const walBytes = () => (existsSync(wal) ? statSync(wal).size : 0);
  const stack = await startStack({ dataDir: dir, log: () => undefined });
  let max = 0;
  const t0 = Date.now();
  try {
    const api = client(stack.url, stack.apiToken);
    const wf = await api.call<{ id: string }>('POST', '/v3.6/workflows', { name: 'wal' });
    const v = await api.call<{ version: number }>('POST', `/v3.6/workflows/${wf.id}/versions`, { definition: WORKFLOW });
    await api.call('POST', `/v3.6/workflows/${wf.id}/versions/${v.version}/activate`);
    const applicant = await api.call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Wal', last_name: 'Bench' });
    for (let i = 1; i <= RUNS; i++) {
      const run = await api.call<{ id: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.id, applicant_id: applicant.id });
      let task: { id: string } | undefined;
      for (let tries = 0; !task && tries < 500; tries++) {
        task = (await api.call<Array<{ id: string }>>('GET', `/v3.6/workflow_runs/${run.id}/tasks`))[0];
        if (!task) await new Promise((r) => setTimeout(r, 10));
      }
      if (!task) throw new Error(`run ${run.id}: its task never started`);
      await api.call('POST', `/v3.6/workflow_runs/${run.id}/tasks/${task.id}/complete`, { data: { score: i } });
      max = Math.max(max, walBytes());
      if (i % 50 === 0) console.log(`${i} runs  WAL ${mb(walBytes()).toFixed(1)} MB (max ${mb(max).toFixed(1)} MB)  ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stack.stop();
  }
  const after = walBytes();
  const db = statSync(path.join(dir, 'dynamodb', SHARED_DB_FILE)).size;
  console.log(`\n${RUNS} runs: WAL at most ${mb(max).toFixed(1)} MB (bound ${LIMIT_MB} MB), ${mb(after).toFixed(1)} MB after stop; database ${mb(db).toFixed(1)} MB`);
  rmSync(dir, { recursive: true, force: true });
  if (max > LIMIT_MB * 1024 * 1024 || after > 0) process.exitCode = 1;
}

main().catch((e) => { console.error(e); process.exit(1); });
