/**
 * image_integrity: whether the images can be processed at all. `image_quality` (resolution,
 * cut-off edges, blur, glare, per side, on the document region), `colour_picture` (a black-and-white copy), `supported_document`
 * (type and issuing country from the MRZ, or a licence's barcode, against the accepted documents) and
 * `conclusive_document_quality` (whether the MRZ or the barcode could be read and parsed).
 */
import { worst, type BreakdownArea } from '../types';
import type { DocumentReportConfig } from './config';
import { QUALITY_THRESHOLDS as T, qualityReasons } from './image-quality';
import type { DocumentReading } from './reading';

const SUPPORTED_BY_DEFAULT = new Set(['passport', 'national_identity_card', 'residence_permit', 'driving_licence']);

function imageQuality(reading: DocumentReading): BreakdownArea {
  const sides = reading.sides.map((s) => ({
    media_id: s.media_id,
    reasons: s.quality ? qualityReasons(s.quality) : ['unreadable_image'],
    ...(s.quality ? { measured: { ...s.quality, glare_share: Number(s.quality.glare_share.toFixed(4)), glare_halo: Number(s.quality.glare_halo.toFixed(1)), glare_page: Number(s.quality.glare_page.toFixed(1)), mean_chroma: Number(s.quality.mean_chroma.toFixed(1)) } } : {}),
    ...(s.error ? { error: s.error } : {}),
  }));
  const reasons = [...new Set(sides.flatMap((s) => s.reasons))];
  return { result: sides.length && reasons.length === 0 ? 'clear' : 'consider', properties: { reasons, sides, thresholds: T } };
}

function colourPicture(reading: DocumentReading): BreakdownArea | undefined {
  const measured = reading.sides.flatMap((s) => (s.quality ? [s.quality.mean_chroma] : []));
  if (measured.length === 0) return undefined;
  return { result: measured.every((c) => c >= T.minChroma) ? 'clear' : 'consider' };
}

/** The type and issuing country the document itself states: its MRZ, or a licence's barcode. */
function statedDocument(reading: DocumentReading): { type?: string; country?: string; read?: string } | undefined {
  const data = reading.mrz?.data;
  if (data) return { type: data.document_type, country: data.valid.issuingState ? data.issuing_country : undefined, read: data.issuing_country };
  const licence = reading.barcode?.data;
  return licence ? { type: 'driving_licence', country: licence.country, read: licence.country } : undefined;
}

function supportedDocument(reading: DocumentReading, config: DocumentReportConfig): BreakdownArea | undefined {
  const stated = statedDocument(reading);
  if (!stated) return undefined;
  const { type, country } = stated;
  const accepted = config.documents
    ? config.documents.some((d) => d.type === type && (!d.countries || (country !== undefined && d.countries.includes(country))))
    : type !== undefined && SUPPORTED_BY_DEFAULT.has(type) && country !== undefined;
  return { result: accepted ? 'clear' : 'consider', properties: { document_type: type ?? null, issuing_country: stated.read ?? null } };
}

/** `quality: false` (document_report version 1) leaves out `image_quality`. */
export function imageIntegrity(reading: DocumentReading, config: DocumentReportConfig, { quality = true } = {}): BreakdownArea {
  const breakdown: Record<string, BreakdownArea> = {
    ...(quality ? { image_quality: imageQuality(reading) } : {}),
    conclusive_document_quality: {
      result: reading.mrz || reading.barcode ? 'clear' : 'consider',
      ...(reading.mrz || reading.barcode ? {} : { properties: { reason: 'no machine-readable zone nor licence barcode could be located and read on any side' } }),
    },
  };
  const colour = colourPicture(reading);
  if (colour) breakdown.colour_picture = colour;
  const supported = supportedDocument(reading, config);
  if (supported) breakdown.supported_document = supported;
  return { result: worst(Object.values(breakdown).map((b) => b.result)), breakdown };
}
