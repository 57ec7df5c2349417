/**
 * autofill: the document's data for pre-filling forms. MRZ values are used when their check
 * digits hold; the printed fields (OCR) fill in only when the MRZ is missing or invalid, and
 * only values read with confidence ≥ 75. A field not read with confidence is absent.
 * `result` is clear when the document type, number, names and date of birth were all read.
 */
import { extractedData, readDocument, type ExtractedData } from '../document_report';
import type { BreakdownArea, Media, ReportResult } from '../types';

export interface AutofillInput { images: Media[]; now: Date }
export type AutofillResult = ReportResult & { extracted_data: ExtractedData };

export const REQUIRED_FIELDS = ['document_type', 'document_number', 'first_name', 'last_name', 'date_of_birth'] as const;

export async function extractDocument(input: AutofillInput): Promise<AutofillResult> {
  const reading = await readDocument(input.images, input.now, { printed: 'if_mrz_invalid' });
  const extracted = extractedData(reading, input.now);
  const missing = REQUIRED_FIELDS.filter((f) => extracted[f] === undefined);
  const source = reading.mrz ? (reading.mrz.parsed.result.valid ? 'mrz' : 'mrz_and_printed') : 'printed';
  const breakdown: Record<string, BreakdownArea> = {
    document_classification: { result: extracted.document_type ? 'clear' : 'consider' },
    data_extraction: { result: missing.length === 0 ? 'clear' : 'consider', properties: { missing_fields: missing, source } },
  };
  return {
    result: missing.length === 0 ? 'clear' : 'consider',
    breakdown,
    properties: {},
    extracted_data: extracted,
  };
}
