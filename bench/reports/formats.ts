/**
 * Document formats: N seeded random clean documents of each format (TD3 passports, TD1 ID
 * cards with the MRZ on the back, TD2 cards; cards with codes I, ID, A, C; US California
 * licences, labels above or beside their values, the printed front against the back's AAMVA
 * barcode; PNG and JPEG alternately for the MRZ formats) through the whole document_report,
 * the formats taken in turn so a stopped run has measured each as far. Per format: the MRZ
 * read exactly (licences: no MRZ), every document field exact (type, issuing country, number,
 * names, dates, nationality, sex), and the report as expected (a clean document that is not
 * `clear` is a false reject; a licence's printed fields must all have been compared).
 * Our own generators' renders, not real captures.
 * Run alone: `node -r ./bin/register.js bench/reports/formats.ts` (BENCH_FORMAT_DOCUMENTS=N per format, default 100;
 * BENCH_FORMATS=TD1,US runs only those formats; each document's outcome is logged to stderr as it finishes).
 */
import {
  DOCUMENT_KINDS, FIXTURE_TODAY, MRZ_FORMAT, randomLicence, randomSpec, renderDocument, usLicenceImages, type DocumentSpec, type UsLicence,
} from '../../lambdas/reports/fixtures/documents';
import { checkDocument, closeOcr } from '../../lambdas/reports/document_report';
import type { BreakdownArea, ReportResult } from '../../lambdas/reports/types';

interface BenchRow { name: string; value: number; unit: string; note?: string }

/** The fields the report's properties must hold for this document. */
export function expectedProperties(spec: DocumentSpec): Record<string, unknown> {
  return {
    document_type: spec.kind === 'passport' ? 'passport' : 'national_identity_card', issuing_country: spec.issuingCountry,
    document_numbers: [{ type: 'document_number', value: spec.documentNumber }], first_name: spec.givenNames, last_name: spec.surname,
    date_of_birth: spec.birthDate, date_of_expiry: spec.expiryDate, nationality: spec.nationality, gender: spec.sex === 'F' ? 'Female' : 'Male',
  };
}

const licenceProperties = (l: UsLicence): Record<string, unknown> => ({
  document_type: 'driving_licence', issuing_country: 'USA', document_numbers: [{ type: 'document_number', value: l.number }],
  first_name: l.givenNames, last_name: l.surname, date_of_birth: l.birthDate, date_of_expiry: l.expiryDate, gender: l.sex === 'F' ? 'Female' : 'Male',
});

const wrongFields = (report: ReportResult, expected: Record<string, unknown>): string[] =>
  Object.entries(expected).filter(([k, v]) => JSON.stringify(report.properties[k]) !== JSON.stringify(v)).map(([k]) => k);

const consideredOf = (report: ReportResult): string[] => Object.entries(report.breakdown).flatMap(([area, a]) => Object.entries((a as BreakdownArea).breakdown ?? {})
  .filter(([, b]) => b.result === 'consider').map(([name]) => `${area}.${name}`));

/** One document's outcome: MRZ exact, fields exact, report as expected, and why not. */
interface Outcome { mrz: boolean; wrong: string[]; expected: boolean; why: string }

async function mrzDocument(kind: (typeof DOCUMENT_KINDS)[number], seed: number, i: number): Promise<Outcome> {
  const spec = randomSpec(seed, FIXTURE_TODAY, kind);
  const report = await checkDocument({ images: await renderDocument(spec, i % 2 ? 'jpeg' : 'png'), now: FIXTURE_TODAY });
  const mrz = (report.breakdown.data_validation as BreakdownArea | undefined)?.breakdown?.mrz;
  // Random expiry dates fall up to 2 years back: an expired document is right to be considered for that alone.
  const considered = consideredOf(report);
  const expired = spec.expiryDate < FIXTURE_TODAY.toISOString().slice(0, 10);
  const expected = expired ? ['data_validation.document_expiration', 'data_validation.expiry_date'] : [];
  return {
    mrz: mrz?.result === 'clear' && JSON.stringify(mrz.properties?.lines) === JSON.stringify(spec.mrz), wrong: wrongFields(report, expectedProperties(spec)),
    expected: JSON.stringify([...considered].sort()) === JSON.stringify(expected), why: considered.join(' '),
  };
}

const LICENCE_COMPARED = ['date_of_birth', 'date_of_expiry', 'document_numbers', 'first_name', 'last_name', 'multiple_data_sources_present'];

async function licenceDocument(seed: number): Promise<Outcome> {
  const { licence, labels } = randomLicence(seed, FIXTURE_TODAY);
  const report = await checkDocument({ images: await usLicenceImages(licence, {}, labels), now: FIXTURE_TODAY });
  const compared = Object.keys((report.breakdown.data_consistency as BreakdownArea | undefined)?.breakdown ?? {}).sort();
  const missing = LICENCE_COMPARED.filter((k) => !compared.includes(k));
  const considered = consideredOf(report);
  return {
    mrz: false, wrong: wrongFields(report, licenceProperties(licence)), expected: report.result === 'clear' && missing.length === 0,
    why: `${labels}${considered.length ? ` ${considered.join(' ')}` : ''}${missing.length ? ` not compared: ${missing.join(' ')}` : ''}`,
  };
}

const FORMATS = [...DOCUMENT_KINDS.map((kind) => MRZ_FORMAT[kind]), 'US'] as const;

export async function run(count = Number(process.env.BENCH_FORMAT_DOCUMENTS ?? 100)): Promise<BenchRow[]> {
  const only = process.env.BENCH_FORMATS?.split(',');
  const formats = FORMATS.map((format, k) => ({ format, k, mrz: 0, fields: 0, expected: 0, misses: [] as string[] }))
    .filter((f) => !only || only.includes(f.format));
  for (let i = 0; i < count; i++) {
    for (const f of formats) {
      const seed = 20_000 + f.k * 10_000 + i;
      const kind = DOCUMENT_KINDS[f.k];
      const outcome = kind ? await mrzDocument(kind, seed, i) : await licenceDocument(seed);
      if (outcome.mrz) f.mrz++;
      if (outcome.wrong.length === 0) f.fields++;
      if (outcome.expected) f.expected++;
      else f.misses.push(`seed ${seed}: ${outcome.why}`);
      if (outcome.wrong.length) f.misses.push(`seed ${seed}: wrong ${outcome.wrong.join(' ')}`);
      console.error(`${f.format} ${i + 1}/${count} seed ${seed}: mrz ${f.mrz} fields ${f.fields} expected ${f.expected}${outcome.wrong.length ? ` wrong ${outcome.wrong.join(' ')}` : ''} ${outcome.why}`);
    }
  }
  await closeOcr();
  return formats.flatMap((f) => {
    const note = f.misses.length ? `; ${f.misses.slice(0, 3).join('; ')}` : '';
    const licence = f.format === 'US';
    return [
      ...(licence ? [] : [{ name: `${f.format} MRZ read exactly`, value: f.mrz, unit: `of ${count}`, note: 'clean, random fields' }]),
      { name: `${f.format} document fields exact`, value: f.fields, unit: `of ${count}`, note: licence ? 'from the barcode: type, country, number, names, dates, sex' : 'type, country, number, names, dates, nationality, sex' },
      { name: `${f.format} report as expected (no false reject)`, value: f.expected, unit: `of ${count}`,
        note: `${licence ? 'clear, every printed field compared with the barcode' : 'clear, or only expiry for an expired one'}${note}` },
    ];
  });
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
