import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseSchema } from './case';
import { openApiRunner, type CaseResult } from './api-runner';

/**
 * `npm run conformance -- <corpus dir> [name filter] [--all-diffs]`: runs <dir>/cases/*.json through
 * the public API (CreateStateMachine, StartExecution, DescribeExecution, GetExecutionHistory) of a
 * local service on 127.0.0.1, so a definition the service refuses counts as a failure.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const filter = args.filter((a) => !a.startsWith('--'))[1];
  if (!dir) { console.error('usage: npm run conformance -- <corpus dir> [name filter]'); process.exit(2); }
  const casesDir = fs.existsSync(path.join(dir, 'cases')) ? path.join(dir, 'cases') : dir;
  const files = fs.readdirSync(casesDir).filter((f) => f.endsWith('.json') && (!filter || f.includes(filter))).sort();
  const results: CaseResult[] = [];
  const t0 = Date.now();
  const runner = await openApiRunner();
  try {
    for (const f of files) {
      const parsed = caseSchema.safeParse(JSON.parse(fs.readFileSync(path.join(casesDir, f), 'utf8')));
      if (!parsed.success) { results.push({ name: f, language: 'invalid', pass: false, diffs: [`invalid case: ${parsed.error.message}`] }); continue; }
      results.push(await runner.run(parsed.data));
    }
  } finally {
    await runner.close();
  }
  const showAll = args.includes('--all-diffs');
  for (const r of results.filter((x) => !x.pass)) console.log(`FAIL [${r.language}] ${r.name}\n    ${r.diffs.slice(0, showAll ? 10 : 2).join('\n    ').slice(0, 600)}`);
  const byLang = new Map<string, { pass: number; fail: number }>();
  for (const r of results) {
    const s = byLang.get(r.language) ?? { pass: 0, fail: 0 };
    if (r.pass) s.pass++; else s.fail++;
    byLang.set(r.language, s);
  }
  console.log(`\n${results.length} cases in ${Date.now() - t0} ms`);
  for (const [lang, s] of byLang) console.log(`${lang.padEnd(9)} pass ${s.pass}/${s.pass + s.fail}  fail ${s.fail}`);
  process.exitCode = results.every((r) => r.pass) ? 0 : 1;
}

main().catch((e) => { console.error(e); process.exit(2); });
