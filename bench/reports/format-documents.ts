/**
 * One document of the formats bench (formats.ts) through the whole document_report: its seed,
 * what it must read, and the outcome. Also the entry point of the bench's child processes: run
 * with `FORMAT_TASKS` (JSON `[{ format, index }]`), it checks those documents in order and sends
 * each outcome to its parent as it finishes (documents are independent, so the parent splits
 * them across processes).
 */
import { z } from 'zod';
import {
  DOCUMENT_KINDS, FIXTURE_TODAY, MRZ_FORMAT, randomLicence, randomSpec, renderDocument, usLicenceImages, type DocumentSpec, type UsLicence,
} from '../../lambdas/reports/fixtures/documents';
import { checkDocument, closeOcr } from '../../lambdas/reports/document_report';
import type { BreakdownArea, ReportResult } from '../../lambdas/reports/types';

export const FORMATS = [...DOCUMENT_KINDS.map((kind) => MRZ_FORMAT[kind]), 'US'] as const;
export type Format = (typeof FORMATS)[number];

/** The seed of document `index` of a format: formats 10 000 seeds apart, so indexes below that never meet. */
export const seedOf = (format: Format, index: number): number => 20_000 + FORMATS.indexOf(format) * 10_000 + index;

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

/** One document's outcome: MRZ exact, fields exact, report as expected, and why not; what one child sends per document. */
export const outcomeSchema = z.object({
  format: z.enum(FORMATS), index: z.number().int(), seed: z.number().int(),
  mrz: z.boolean(), wrong: z.array(z.string()), expected: z.boolean(), why: z.string(), ms: z.number(),
});
export type Outcome = z.infer<typeof outcomeSchema>;
type Judged = Pick<Outcome, 'mrz' | 'wrong' | 'expected' | 'why'>;

async function mrzDocument(kind: (typeof DOCUMENT_KINDS)[number], seed: number, index: number): Promise<Judged> {
  const spec = randomSpec(seed, FIXTURE_TODAY, kind);
  const report = await checkDocument({ images: await renderDocument(spec, index % 2 ? 'jpeg' : 'png'), now: FIXTURE_TODAY });
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

async function licenceDocument(seed: number): Promise<Judged> {
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

/** Generates document `index` of `format`, checks it and judges the report. */
export async function checkFormatDocument(format: Format, index: number): Promise<Outcome> {
  const seed = seedOf(format, index), start = performance.now();
  const kind = DOCUMENT_KINDS.find((k) => MRZ_FORMAT[k] === format);
  const judged = kind ? await mrzDocument(kind, seed, index) : await licenceDocument(seed);
  return { format, index, seed, ...judged, ms: Math.round(performance.now() - start) };
}

export const tasksSchema = z.array(z.object({ format: z.enum(FORMATS), index: z.number().int().min(0) }));

/** A child process: the documents of `FORMAT_TASKS`, each outcome sent to the parent. */
async function child(): Promise<void> {
  for (const { format, index } of tasksSchema.parse(JSON.parse(process.env.FORMAT_TASKS ?? '[]'))) {
    const outcome = await checkFormatDocument(format, index);
    await new Promise<void>((resolve, reject) => process.send?.(outcome, (error: Error | null) => (error ? reject(error) : resolve())));
  }
  await closeOcr();
}

if (require.main === module) {
  child().then(() => process.disconnect?.(), (error: unknown) => { console.error(error); process.exitCode = 1; process.disconnect?.(); });
}
