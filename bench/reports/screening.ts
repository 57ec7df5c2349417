/**
 * Screening and data checks: time per call and peak memory for each handler (watchlist,
 * identity, India PAN, driving licence, proof of address, device, sandbox), and watchlist
 * queries against 10k synthetic entries. Run alone: `node -r ./bin/register.js bench/reports/screening.ts`.
 */
import { REPORT_TYPES, ReportRequest } from '../../compiler';
import { deviceReport, MaxmindCountryLookup } from '../../lambdas/reports/device_intelligence_report';
import { drivingLicenceReport } from '../../lambdas/reports/driving_licence_verification';
import { aamvaText, CA_LICENCE, pdf417Png } from '../../lambdas/reports/driving_licence_verification/fixtures/aamva-sample';
import { identityReport } from '../../lambdas/reports/identity_report';
import { indiaPanReport } from '../../lambdas/reports/india_tax_id_report';
import { proofOfAddressReport } from '../../lambdas/reports/proof_of_address_report';
import { bankStatement } from '../../lambdas/reports/proof_of_address_report/fixtures/documents';
import { sandboxReport } from '../../lambdas/reports/sandbox';
import type { ApplicantData } from '../../lambdas/reports/types';
import { InMemoryWatchlistStore, screen, SEED_INFO, seedStore, watchlistReport, type WatchlistEntry } from '../../lambdas/reports/watchlist_report';

interface BenchRow { name: string; value: number; unit: string; note?: string }

const now = new Date('2026-03-01T12:00:00Z');
const applicant: ApplicantData = { first_name: 'Jane', last_name: 'Doe', dob: '1990-05-17', phone_number: '+44 20 7946 0958',
  address: { country: 'GBR', building_number: '12', street: 'High Street', town: 'London', postcode: 'SW1A 1AA', line1: '525 Market St', state: 'CA' },
  id_numbers: [{ type: 'ssn', value: '536-22-1234' }, { type: 'pan', value: 'ABCPD1234K' }] };
const tasks = { autofill: { extracted_data: { first_name: 'JANE', last_name: 'DOE', date_of_birth: '1990-05-17', document_number: 'D1234567', issuing_country: 'GBR' } } };
const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/** Mean time per call over `calls` after one warm-up, and the highest RSS / heap growth seen. */
async function measure(name: string, calls: number, fn: () => Promise<unknown>): Promise<BenchRow[]> {
  await fn();
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage.rss();
  let peakHeap = 0;
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    await fn();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (i % 10 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heap0);
  }
  const ms = (performance.now() - start) / calls;
  return [
    { name: `${name}: time per call`, value: round(ms), unit: 'ms', note: `mean of ${calls} calls after a warm-up` },
    { name: `${name}: peak RSS`, value: Math.round(peakRss / 2 ** 20), unit: 'MiB', note: 'process RSS, cumulative over the bench run' },
    { name: `${name}: peak heap growth`, value: round(Math.max(0, peakHeap) / 2 ** 20, 1), unit: 'MiB', note: 'highest heap seen above the start, garbage not yet collected included' },
  ];
}

const GIVEN = ['james', 'maria', 'wei', 'fatima', 'olga', 'ahmed', 'john', 'li', 'sofia', 'ivan', 'chen', 'anna', 'omar', 'elena', 'david',
  'yuki', 'carlos', 'aisha', 'pierre', 'nadia', 'mohammed', 'hans', 'priya', 'kwame', 'lucia'];
const FAMILY = ['smith', 'garcia', 'wang', 'khan', 'ivanov', 'hassan', 'brown', 'li', 'rossi', 'petrov', 'zhang', 'novak', 'ali', 'popescu',
  'martin', 'tanaka', 'lopez', 'okafor', 'dubois', 'haddad', 'rahman', 'schmidt', 'sharma', 'mensah', 'fernandez'];
const SUFFIX = ['', 'ov', 'escu', 'son', 'berg', 'ski', 'ez', 'ini', 'ian', 'enko', 'ovich', 'ani', 'ides', 'stein', 'sen', 'uk'];

/** 10k distinct individuals: given × family × suffix variants, deterministic dates of birth. */
function synthetic(n: number): WatchlistEntry[] {
  const out: WatchlistEntry[] = [];
  for (let i = 0; out.length < n; i++) {
    const g = GIVEN[i % GIVEN.length] ?? '';
    const f = `${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}${SUFFIX[Math.floor(i / (GIVEN.length * FAMILY.length)) % SUFFIX.length]}`;
    out.push({ id: `syn:${i}`, category: 'sanction', entity_type: 'individual', name: `${f.toUpperCase()}, ${g}`, aliases: [`${g} ${f}`],
      dates_of_birth: [`${1940 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`], nationalities: [], source: { name: 'synthetic', programs: [] } });
  }
  return out;
}

async function watchlist10k(): Promise<BenchRow[]> {
  const entries = synthetic(10_000);
  const t0 = performance.now();
  const store = new InMemoryWatchlistStore(entries);
  const buildMs = performance.now() - t0;
  const queries = ['Maria Garcia', 'Ivan Petrovenko', 'Jane Doe', 'Wei Zhangsen', 'Usama bin Ladin', 'Fatima Khanski', 'Carlos Lopezez', 'Zork Quux'];
  let candidates = 0;
  let hits = 0;
  const rounds = 25;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const out = await screen({ full_name: q }, store, 0.9);
      candidates += out.candidates;
      hits += out.matches.length;
    }
  }
  const n = rounds * queries.length;
  return [
    { name: 'watchlist 10k: index build', value: round(buildMs, 1), unit: 'ms', note: '10,000 synthetic individuals, name + 1 alias each' },
    { name: 'watchlist 10k: query time', value: round((performance.now() - start) / n), unit: 'ms', note: `mean of ${n} queries (${queries.length} names)` },
    { name: 'watchlist 10k: candidates scored per query', value: Math.round(candidates / n), unit: 'entries', note: `phonetic blocking; ${round(hits / n, 1)} matches per query` },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const store = seedStore();
  const geo = MaxmindCountryLookup.bundled();
  const back = { id: 'back', contentType: 'image/png', bytes: await pdf417Png(aamvaText(CA_LICENCE)) };
  const statement = { id: 'poa', contentType: 'application/pdf', bytes: await bankStatement() };
  const req = (report: (typeof REPORT_TYPES)[number]) => ReportRequest.parse({ kind: 'report', report, task_id: report, task_version: 1, config: {}, tasks: {},
    run: { workflow_run_id: 'r', applicant_id: 'a', sandbox: true } });
  const ua = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
  return [
    ...await measure('watchlist_report (seed list)', 500, () => watchlistReport({ applicant: { first_name: 'Osama', last_name: 'bin Laden', dob: '1957-07-30' }, config: { variant: 'aml' }, store, list: SEED_INFO, now })),
    ...await measure('identity_report', 2000, () => identityReport({ applicant, tasks, config: { match_ssn: true }, now })),
    ...await measure('india_tax_id_report', 5000, () => indiaPanReport({ applicant, config: {}, now })),
    ...await measure('driving_licence_verification', 20, () => drivingLicenceReport({ applicant, media: [back], tasks, config: {}, now })),
    ...await measure('proof_of_address_report', 30, () => proofOfAddressReport({ applicant, media: [statement], config: {}, now })),
    ...await measure('device_intelligence_report', 2000, () => deviceReport({ applicant, device: { ip: '81.2.69.142', user_agent: ua }, tasks, config: {}, now, geo })),
    ...await measure('sandbox (all 10 types)', 2000, async () => REPORT_TYPES.map((t) => sandboxReport(req(t), applicant))),
    ...await watchlist10k(),
  ];
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (err) => { console.error(err); process.exitCode = 1; });
}
