/** The document_report task config, parsed at the boundary (unknown keys such as `processing` are ignored). */
import { z } from 'zod';
import { EvidenceError } from '../../shared/errors';

export const DOCUMENT_TYPES = ['passport', 'national_identity_card', 'driving_licence', 'residence_permit'] as const;

export const DocumentReportConfig = z.object({
  /**
   * `standard`: MRZ, printed fields, image quality, age.
   * `with_address`: also the address printed on the document (read by OCR under an Address label;
   *   absent from the output when none is printed or it is not read with confidence).
   * `with_driving_licence`: Onfido adds licence categories and issue dates; they are NOT read
   *   here (no offline reader for them), and the output lists them under `not_checked`.
   */
  variant: z.enum(['standard', 'with_address', 'with_driving_licence']).default('standard'),
  /** Accepted documents, as in document_capture; absent = every type with an ICAO MRZ, every country. */
  documents: z.array(z.object({
    type: z.enum(DOCUMENT_TYPES),
    countries: z.array(z.string().regex(/^[A-Z]{3}$/, 'countries are ISO 3166-1 alpha-3 codes such as GBR')).optional(),
  })).optional(),
});
export type DocumentReportConfig = z.infer<typeof DocumentReportConfig>;
export type DocumentReportConfigInput = z.input<typeof DocumentReportConfig>;

/** Stable error name for a config that does not parse (the message names the bad value). */
export class DocumentConfigError extends EvidenceError {
  override readonly name = 'DocumentConfigError';
  constructor(message: string, options?: { cause?: unknown }) { super(message, options); }
}

export function parseConfig(config: unknown): DocumentReportConfig {
  const parsed = DocumentReportConfig.safeParse(config ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new DocumentConfigError(`Invalid document_report config: ${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}
