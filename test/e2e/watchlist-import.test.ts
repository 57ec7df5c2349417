/**
 * Imported watchlists are the ones screened: OFAC SDN (sdn.csv + alt.csv) and UN consolidated
 * list files made here, imported by `studio watchlist import` into the running stack's bucket
 * (the data folder's stack.json, as `npm start` writes it), then a live watchlist report run by
 * the report function against a name of the imported list is `consider` with that record and
 * names the list and version it screened; before any import it screens the seed and says so.
 * The scheduled refresh (lambdas/watchlists/) downloads from loopback URLs, stores a new version
 * that the warm report picks up, and keeps the current list when a download fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/main';
import { createReportHandler } from '../../lambdas/reports/handler';
import { clients } from '../../lambdas/shared/aws';
import { config } from '../../lambdas/shared/config';
import { createApplicant } from '../../lambdas/store/applicants';
import { refreshWatchlists } from '../../lambdas/watchlists/refresh';
import { parseWatchlistSources } from '../../lambdas/watchlists/sources';
import { writeStackFile } from '../../local/stack/stack-file';
import { startTestStack, type TestStack } from '../helpers/stack';

// Invented persons: neither is on the seed list, so only an imported list can match them.
const SDN_CSV = [
  '7001,"KELDANIR, Zorvath Mirek","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 14 Mar 1971; nationality Iran."',
  '7002,"GRENFALL SHIPPING LIMITED","-0- ","IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Valletta, Malta."',
].join('\r\n');
const ALT_CSV = '7001,801,"aka","KELDANIR, Zorvat",-0- ';
const unXml = (people: Array<[string, string, string, string]>) => `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-11-01T00:00:00.000Z"><INDIVIDUALS>${people.map(([ref, first, second, dob]) => `
  <INDIVIDUAL><DATAID>${ref.replace(/\D/g, '')}</DATAID><FIRST_NAME>${first}</FIRST_NAME><SECOND_NAME>${second}</SECOND_NAME>
    <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER><LISTED_ON>2020-05-04</LISTED_ON>
    <NATIONALITY><VALUE>Egypt</VALUE></NATIONALITY>
    <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>${dob}</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>`).join('')}
</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`;
const UN_XML = unXml([['KPi.901', 'TAMSIN', 'ORVELLAQ', '1980-02-02']]);

let stack: TestStack;
const dir = mkdtempSync(path.join(tmpdir(), 'watchlists-'));
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(async () => { await stack.stop(); rmSync(dir, { recursive: true, force: true }); });

const report = createReportHandler();
let n = 0;
async function screen(first_name: string, last_name: string, dob?: string) {
  const applicant = await createApplicant('live', { first_name, last_name, ...(dob ? { dob } : {}) });
  return await report({
    kind: 'report', report: 'watchlist_report', task_id: `w${++n}`, task_version: 1, config: {},
    run: { workflow_run_id: `run-watch-${n}`, applicant_id: applicant.id, sandbox: false, applicant: {}, custom: {} }, tasks: {},
  }) as { result: string; properties: { records: Array<{ external_id: string; sources: Array<{ source_name: string }> }>; watchlist: unknown } };
}

it('screens the seed list until a list is imported, and says so', async () => {
  const r = await screen('Zorvath', 'Keldanir', '1971-03-14');
  expect(r.result).toBe('clear');
  expect(r.properties.watchlist).toEqual({ source: 'seed', version: 'seed-2026-01-01', imported_at: null });
}, 60_000);

it('screens the OFAC and UN lists `studio watchlist import` stored in the stack\'s bucket, naming them', async () => {
  const data = path.join(dir, 'data');
  const files = path.join(dir, 'files');
  for (const d of [data, files]) mkdirSync(d, { recursive: true });
  writeFileSync(path.join(files, 'sdn.csv'), SDN_CSV);
  writeFileSync(path.join(files, 'alt.csv'), ALT_CSV);
  writeFileSync(path.join(files, 'consolidated.xml'), UN_XML);
  writeStackFile(data, {
    s3: stack.endpoints.s3, bucket: stack.env.BUCKET_NAME, region: stack.env.AWS_REGION,
    aws_access_key_id: stack.env.AWS_ACCESS_KEY_ID, aws_secret_access_key: stack.env.AWS_SECRET_ACCESS_KEY,
  });
  const lines: string[] = [];
  const out = { log: (l: string) => { lines.push(l); }, error: (l: string) => { lines.push(l); } };
  const code = await main(['watchlist', 'import', path.join(files, 'sdn.csv'), path.join(files, 'consolidated.xml')], out, { STUDIO_DATA: data });
  expect({ code, lines }).toMatchObject({ code: 0, lines: [expect.stringContaining('stored OFAC SDN + UN Security Council Consolidated List version sha256-')] });

  const ofac = await screen('Zorvat', 'Keldanir', '1971-03-14');
  expect(ofac.result).toBe('consider');
  expect(ofac.properties.records.map((x) => x.external_id)).toEqual(['ofac-sdn:7001']);
  const listed = { source: 'OFAC SDN + UN Security Council Consolidated List', version: expect.stringMatching(/^sha256-[0-9a-f]{16}$/), imported_at: expect.any(String) };
  expect(ofac.properties.watchlist).toEqual(listed);
  const un = await screen('Tamsin', 'Orvellaq', '1980-02-02');
  expect(un).toMatchObject({ result: 'consider', properties: { watchlist: listed } });
  expect(un.properties.records.map((x) => [x.external_id, x.sources[0]?.source_name])).toEqual([['un:KPi.901', 'UN Security Council Consolidated List']]);
  // The imported list replaces the seed: a seed-only name is no longer matched.
  expect((await screen('Osama', 'bin Laden')).result).toBe('clear');
}, 60_000);

describe('the scheduled refresh (watchlists function)', () => {
  let server: Server;
  const served = new Map<string, { status: number; body: string }>();
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = served.get(req.url ?? '') ?? { status: 404, body: 'not found' };
      res.writeHead(file.status, { 'content-type': 'text/plain' }).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const logged: Array<Record<string, unknown>> = [];
  const refresh = (at: string) => refreshWatchlists({
    sources: parseWatchlistSources(JSON.stringify([
      { url: `${base}/sdn.csv`, format: 'ofac-sdn-csv', alt_url: `${base}/alt.csv` }, { url: `${base}/consolidated.xml`, format: 'un-xml' },
    ])),
    s3: clients().s3, bucket: config().BUCKET_NAME, fetch, now: () => new Date(at), log: (message, fields) => { logged.push({ message, ...fields }); },
  });

  it('downloads the configured lists, stores a new version that the report uses from its next check, and logs the counts', async () => {
    served.set('/sdn.csv', { status: 200, body: SDN_CSV });
    served.set('/alt.csv', { status: 200, body: ALT_CSV });
    served.set('/consolidated.xml', { status: 200, body: unXml([['KPi.901', 'TAMSIN', 'ORVELLAQ', '1980-02-02'], ['KPi.902', 'BRANIMIR', 'VOSSEK', '1975-07-07']]) });
    const before = await screen('Branimir', 'Vossek', '1975-07-07');
    expect(before.result).toBe('clear');
    const result = await refresh('2026-11-30T06:00:00.000Z');
    expect(result).toMatchObject({ entries: 4, rejected: 0, source: 'OFAC SDN + UN Security Council Consolidated List' });
    expect(logged).toEqual([expect.objectContaining({
      message: 'watchlist imported', version: result.version, entries: 4, rejected: 0,
      sources: [{ name: 'OFAC SDN', origin: `${base}/sdn.csv`, entries: 2, rejected: 0 }, { name: 'UN Security Council Consolidated List', origin: `${base}/consolidated.xml`, entries: 2, rejected: 0 }],
    })]);
    const after = await screen('Branimir', 'Vossek', '1975-07-07');
    expect(after).toMatchObject({ result: 'consider', properties: { watchlist: { version: result.version, imported_at: '2026-11-30T06:00:00.000Z' } } });
    // The alias came from alt.csv, downloaded from its own URL.
    expect((await screen('Zorvat', 'Keldanir', '1971-03-14')).result).toBe('consider');
  }, 60_000);

  it('a failed download fails the refresh and keeps the current list', async () => {
    served.delete('/consolidated.xml');
    await expect(refresh('2026-12-01T06:00:00.000Z')).rejects.toThrow(/consolidated.xml answered 404/);
    const r = await screen('Branimir', 'Vossek', '1975-07-07');
    expect(r).toMatchObject({ result: 'consider', properties: { watchlist: { imported_at: '2026-11-30T06:00:00.000Z' } } });
  }, 60_000);

  it('refuses sources that are not https (or loopback http) and unknown formats', () => {
    expect(() => parseWatchlistSources('[{"url":"http://lists.example.org/sdn.csv","format":"ofac-sdn-csv"}]')).toThrow(/https URL/);
    expect(() => parseWatchlistSources('[{"url":"https://lists.example.org/x.xml","format":"eu-xml"}]')).toThrow(/format/);
    expect(() => parseWatchlistSources('{')).toThrow(/not JSON/);
  });
});
