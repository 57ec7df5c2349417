/**
 * document_report: reads a passport / ID card / residence permit (front and back images) and
 * judges it the way Onfido's document report is shaped.
 *
 * Areas present: `image_integrity`, and when the MRZ is read `data_validation`,
 * `data_consistency` (printed fields read), `data_comparison` (applicant data given) and
 * `age_validation`. Not checked, so absent: `visual_authenticity` (no security-feature,
 * template, font or photo-tampering model runs offline here), `compromised_document` and
 * `police_record` (no database of lost/stolen documents is reachable).
 *
 * sub_result: `rejected` when the images cannot be processed (image_integrity), `suspected`
 * when the document's own data does not hold together (MRZ check digits, MRZ vs printed),
 * `caution` when it is expired, the holder is under age or it differs from the applicant.
 *
 * Versions (the task's `version`, compiler/tasks/registry.ts): version 1 checks the MRZ,
 * expiry and age only, so it has no `image_integrity.image_quality` (resolution, blur, glare)
 * and no `data_consistency` (MRZ against the printed fields); version 2 adds both.
 */
import { worst, type ApplicantData, type BreakdownArea, type Media, type ReportResult, type Result } from '../types';
import { ageValidation, dataValidation } from './areas-data';
import { dataComparison, dataConsistency } from './areas-consistency';
import { imageIntegrity } from './areas-integrity';
import { parseConfig, type DocumentReportConfigInput } from './config';
import { extractedData } from './extracted';
import { variantOutput } from './variants';
import { readDocument } from './reading';

export interface DocumentCheckInput {
  images: Media[];
  config?: DocumentReportConfigInput;
  applicant?: ApplicantData;
  now: Date;
  /** The document_report version the workflow pinned (default: the latest, 2). */
  version?: number;
}

export const NOT_CHECKED = [
  { area: 'visual_authenticity', reason: 'no offline model for security features, templates, fonts or photo tampering' },
  { area: 'compromised_document', reason: 'no lost/stolen document database is reachable' },
  { area: 'police_record', reason: 'no police database is reachable' },
] as const;

type SubResult = 'clear' | 'rejected' | 'suspected' | 'caution';

function subResult(b: Record<string, BreakdownArea | undefined>): SubResult {
  if (b.image_integrity?.result === 'consider') return 'rejected';
  const validation = b.data_validation?.breakdown ?? {};
  const ownDataBroken = Object.entries(validation)
    .some(([key, area]) => key !== 'expiry_date' && key !== 'document_expiration' && area.result === 'consider');
  if (ownDataBroken || b.data_consistency?.result === 'consider') return 'suspected';
  const caution: Array<Result | null | undefined> = [
    validation.expiry_date?.result, validation.document_expiration?.result, b.age_validation?.result, b.data_comparison?.result,
  ];
  return worst(caution) === 'consider' ? 'caution' : 'clear';
}

export async function checkDocument(input: DocumentCheckInput): Promise<ReportResult> {
  const config = parseConfig(input.config);
  const reading = await readDocument(input.images, input.now);
  const data = extractedData(reading, input.now);
  const v2 = (input.version ?? 2) >= 2;
  const areas: Record<string, BreakdownArea | undefined> = {
    image_integrity: imageIntegrity(reading, config, { quality: v2 }),
    data_validation: dataValidation(reading, input.now),
    data_consistency: v2 ? dataConsistency(reading, input.now) : undefined,
    data_comparison: dataComparison(data, input.applicant),
    age_validation: ageValidation(data.date_of_birth, input.now),
  };
  const breakdown = Object.fromEntries(Object.entries(areas).filter(([, a]) => a !== undefined)) as Record<string, BreakdownArea>;
  const sub = subResult(areas);
  const variant = variantOutput(config.variant, reading);
  const { document_number, ...rest } = data;
  return {
    result: sub === 'clear' ? 'clear' : 'consider',
    sub_result: sub,
    breakdown,
    properties: {
      ...rest,
      ...(document_number ? { document_numbers: [{ type: 'document_number', value: document_number }] } : {}),
      ...variant.properties,
    },
    variant: config.variant,
    version: v2 ? 2 : 1,
    not_checked: [...NOT_CHECKED, ...variant.notChecked],
  };
}
