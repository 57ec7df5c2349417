/**
 * What the `with_address` and `with_driving_licence` variants add to the output.
 * with_address: the address printed under an Address label (any side), read by OCR with
 *   confidence ≥ 75, as `properties.address` ({ line1, line2? }); otherwise listed as not read.
 * with_driving_licence: Onfido returns licence categories and issue dates; no offline reader
 *   for those exists here, so they are always listed under `not_checked`.
 */
import type { DocumentReportConfig } from './config';
import { PRINTED_MIN_CONFIDENCE } from './extracted';
import type { DocumentReading } from './reading';

export interface VariantOutput {
  properties: Record<string, unknown>;
  notChecked: Array<{ area: string; reason: string }>;
}

export function variantOutput(variant: DocumentReportConfig['variant'], reading: DocumentReading): VariantOutput {
  if (variant === 'with_address') {
    const address = reading.printed.address;
    if (!address || address.confidence < PRINTED_MIN_CONFIDENCE) {
      return { properties: {}, notChecked: [{ area: 'address', reason: 'no printed address was read with confidence' }] };
    }
    const [line1, ...more] = address.text.split('\n');
    return { properties: { address: { line1, ...(more.length ? { line2: more.join(', ') } : {}) } }, notChecked: [] };
  }
  if (variant === 'with_driving_licence') {
    return { properties: {}, notChecked: [{ area: 'driving_licence_information', reason: 'licence categories and issue dates are not read by this check' }] };
  }
  return { properties: {}, notChecked: [] };
}
