/**
 * Document formats: N seeded random clean documents of each MRZ format (TD3 passports, TD1 ID
 * cards with the MRZ on the back, TD2 cards; cards with codes I, ID, A, C; PNG and JPEG
 * alternately) through the whole document_report. Per format: the MRZ read exactly, every
 * document field exact (type, issuing country, number, names, dates, nationality, sex), and
 * the report `clear` (a clean document that is not clear is a false reject). Our own
 * generators' renders, not real captures.
 * Run alone: `node -r ./bin/register.js bench/reports/formats.ts` (BENCH_FORMAT_DOCUMENTS=N per format, default 100).
 */
import { DOCUMENT_KINDS, FIXTURE_TODAY, MRZ_FORMAT, randomSpec, renderDocument, type DocumentSpec } from '../../lambdas/reports/fixtures/documents';
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

const wrongFields = (report: ReportResult, spec: DocumentSpec): string[] =>
  Object.entries(expectedProperties(spec)).filter(([k, v]) => JSON.stringify(report.properties[k]) !== JSON.stringify(v)).map(([k]) => k);

export async function run(count = Number(process.env.BENCH_FORMAT_DOCUMENTS ?? 100)): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [k, kind] of DOCUMENT_KINDS.entries()) {
    let mrzExact = 0, fieldsExact = 0, clear = 0;
    const misses: string[] = [];
    for (let i = 0; i < count; i++) {
      const seed = 20_000 + k * 10_000 + i;
      const spec = randomSpec(seed, FIXTURE_TODAY, kind);
      const report = await checkDocument({ images: await renderDocument(spec, i % 2 ? 'jpeg' : 'png'), now: FIXTURE_TODAY });
      const mrz = (report.breakdown.data_validation as BreakdownArea | undefined)?.breakdown?.mrz;
      if (mrz?.result === 'clear' && JSON.stringify(mrz.properties?.lines) === JSON.stringify(spec.mrz)) mrzExact++;
      const wrong = wrongFields(report, spec);
      if (wrong.length === 0) fieldsExact++;
      // Random expiry dates fall up to 2 years back: an expired document is right to be considered for that alone.
      const considered = Object.entries(report.breakdown).flatMap(([area, a]) => Object.entries((a as BreakdownArea).breakdown ?? {})
        .filter(([, b]) => b.result === 'consider').map(([name]) => `${area}.${name}`));
      const expired = spec.expiryDate < FIXTURE_TODAY.toISOString().slice(0, 10);
      const expected = expired ? ['data_validation.document_expiration', 'data_validation.expiry_date'] : [];
      if (JSON.stringify([...considered].sort()) === JSON.stringify(expected)) clear++;
      else misses.push(`seed ${seed}: ${considered.join(' ')}`);
      if (wrong.length) misses.push(`seed ${seed}: wrong ${wrong.join(' ')}`);
    }
    const format = MRZ_FORMAT[kind];
    const note = misses.length ? `; ${misses.slice(0, 3).join('; ')}` : '';
    rows.push(
      { name: `${format} MRZ read exactly`, value: mrzExact, unit: `of ${count}`, note: `${kind}, clean, random fields` },
      { name: `${format} document fields exact`, value: fieldsExact, unit: `of ${count}`, note: 'type, country, number, names, dates, nationality, sex' },
      { name: `${format} report as expected (no false reject)`, value: clear, unit: `of ${count}`, note: `whole document_report: clear, or only expiry for an expired one${note}` },
    );
  }
  await closeOcr();
  return rows;
}

if (require.main === module) {
  run().then((rows) => console.table(rows), (error: unknown) => { console.error(error); process.exitCode = 1; });
}
