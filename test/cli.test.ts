import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main';
import { TEMPLATES } from '../compiler';

function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  return main(args, { log: (l) => out.push(l), error: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}
const dir = mkdtempSync(join(tmpdir(), 'studio-cli-'));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const invalid = { name: 'x', start: 'a', tasks: [{ id: 'a', type: 'document_report', next: 'b' }, { id: 'b', type: 'result', outcome: 'approve' }, { id: 'c', type: 'result', outcome: 'review' }] };

describe('studio CLI', () => {
  it('validate: "valid" and exit 0', async () => {
    const r = await run(['validate', file('ok.json', TEMPLATES[0]!.definition)]);
    expect(r).toMatchObject({ code: 0, out: 'valid' });
  });

  it('validate: every problem, one a line as "<code> <task> <message>", exit 1', async () => {
    const r = await run(['validate', file('bad.json', invalid)]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').map((l) => l.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['missing_prerequisite a', 'unreachable_task c']);
  });

  it('validate --json', async () => {
    const r = await run(['validate', file('bad.json', invalid), '--json']);
    const body = JSON.parse(r.out);
    expect(body.valid).toBe(false);
    expect(body.problems[0]).toEqual(expect.objectContaining({ code: expect.any(String), task: expect.anything(), message: expect.any(String), path: expect.any(String) }));
  });

  it('validate: a file that is not JSON is a problem, not a crash', async () => {
    const r = await run(['validate', file('broken.json', '{ nope')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^invalid_json - /);
  });

  it('validate: a missing file is a clear error', async () => {
    const r = await run(['validate', join(dir, 'nothing.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*nothing.json: ENOENT/);
  });

  it('compile: prints ASL, or writes it with -o; refuses invalid definitions with their problems', async () => {
    const printed = await run(['compile', file('ok.json', TEMPLATES[1]!.definition)]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.out).QueryLanguage).toBe('JSONata');
    const out = join(dir, 'out.asl.json');
    expect((await run(['compile', file('ok.json', TEMPLATES[1]!.definition), '-o', out])).code).toBe(0);
    expect(`${printed.out}\n`).toBe(readFileSync(out, 'utf8'));
    const bad = await run(['compile', file('bad.json', invalid)]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('missing_prerequisite a');
  });

  it('compile --context uses the given ARNs', async () => {
    const context = file('ctx.json', { taskFunction: 'arn:aws:lambda:eu-west-1:1:function:tasks', reportFunction: 'arn:aws:lambda:eu-west-1:1:function:reports', runsTable: 'runs', eventBusName: 'bus' });
    const r = await run(['compile', file('ok.json', TEMPLATES[0]!.definition), '--context', context]);
    expect(r.out).toContain('arn:aws:lambda:eu-west-1:1:function:reports');
  });

  it('templates and template NAME', async () => {
    const list = await run(['templates']);
    expect(list.out.split('\n')).toHaveLength(TEMPLATES.length);
    const one = await run(['template', 'watchlist_risk_score']);
    expect(JSON.parse(one.out)).toEqual(TEMPLATES[4]!.definition);
    const none = await run(['template', 'nope']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('document_selfie_photo');
  });

  it('graph: a Mermaid flowchart with every task and route', async () => {
    const r = await run(['graph', file('ok.json', TEMPLATES[2]!.definition)]);
    expect(r.out.startsWith('flowchart TD')).toBe(true);
    expect(r.out).toContain('retry_expired -.->|"retry"| document');
    expect(r.out).toContain('check -->|"Expired"| retry_expired');
  });

  it('unknown commands and no command print usage', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).out).toContain('usage: studio');
  });
});
