/**
 * Which provider answers each report type: the built-in check (default) or the customer's own
 * service. Configured with `REPORT_PROVIDERS`, a JSON object from report type to provider:
 *   REPORT_PROVIDERS='{"watchlist_report":{"type":"http","url":"https://screening.example.com/report","secret":"…"}}'
 */
import { z } from 'zod';
import { ReportType } from '../../../compiler';
import { processSettings } from '../../shared/config';
import { HttpProvider } from './http';

export { callHttpProvider, HttpProvider, ReportProviderError, ReportProviderUnavailableError, signBody } from './http';

export const ReportProviders = z.partialRecord(ReportType, z.discriminatedUnion('type', [HttpProvider, z.object({ type: z.literal('builtin') })]));
export type ReportProviders = z.infer<typeof ReportProviders>;

let cached: { text: string | undefined; providers: ReportProviders } | undefined;

/** The providers from the environment (parsed once per value; a malformed value fails loudly). */
export function reportProviders(env: NodeJS.ProcessEnv = process.env): ReportProviders {
  const text = processSettings(env).REPORT_PROVIDERS;
  if (cached && cached.text === text) return cached.providers;
  let raw: unknown = {};
  if (text) {
    try { raw = JSON.parse(text); } catch { throw new Error('REPORT_PROVIDERS is not JSON'); }
  }
  const parsed = ReportProviders.safeParse(raw);
  if (!parsed.success) throw new Error(`REPORT_PROVIDERS is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  cached = { text, providers: parsed.data };
  return parsed.data;
}
