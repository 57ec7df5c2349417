/**
 * The evidence of a report: the applicant (DynamoDB) and the uploads named by earlier capture
 * tasks (bytes from S3). Missing or unusable evidence is the applicant's problem, a
 * `BadEvidenceError` (the report says `consider`); storage failures are `ReportUnavailable`.
 */
import { z } from 'zod';
import { reportUses, type ReportRequest } from '../../compiler';
import { ApiError, EvidenceError, TransientError } from '../shared/errors';
import { getApplicant, type ApplicantRecord } from '../store/applicants';
import { loadMedia, UploadDevice, type MediaMeta } from '../store/media';
import type { DeviceSignals } from './device_intelligence_report';
import type { ApplicantData, Media } from './types';

export class BadEvidenceError extends EvidenceError {
  override readonly name = 'BadEvidence';
}
/** Storage could not be read: transient, the compiled workflow retries the report. */
export class ReportUnavailableError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) { super('ReportUnavailable', message, options); }
}

const is404 = (e: unknown) => e instanceof ApiError && e.status === 404;

/** Applicant record → the fields the checks read. */
export function applicantData(r: ApplicantRecord): ApplicantData {
  const address = r.address ? { ...r.address, line1: r.address.line1 ?? undefined, line2: r.address.line2 ?? undefined } : undefined;
  const idNumbers = r.id_numbers?.flatMap((n) => (n.type && n.value ? [{ type: n.type, value: n.value, ...(n.state_code ? { state_code: n.state_code } : {}) }] : []));
  return {
    first_name: r.first_name, last_name: r.last_name, dob: r.dob, email: r.email, phone_number: r.phone_number,
    ...(address ? { address } : {}), ...(idNumbers?.length ? { id_numbers: idNumbers } : {}),
  };
}

export async function loadApplicant(req: ReportRequest): Promise<ApplicantData> {
  try {
    return applicantData(await getApplicant(req.run.applicant_id, req.run.sandbox ? 'sandbox' : 'live'));
  } catch (e) {
    if (is404(e)) throw new BadEvidenceError(`applicant ${req.run.applicant_id} no longer exists`);
    throw new ReportUnavailableError('the applicant could not be read', { cause: e });
  }
}

/** Media ids in the output of the nearest task of one of `types` (capture outputs are `[{ id }]`). */
export function mediaIdsOf(req: ReportRequest, types: readonly string[]): string[] {
  for (const type of types) {
    const output = req.tasks[type]?.output;
    if (Array.isArray(output)) {
      return output.flatMap((o: unknown) => (typeof o === 'object' && o !== null && typeof (o as { id?: unknown }).id === 'string' ? [(o as { id: string }).id] : []));
    }
  }
  return [];
}

export interface LoadedMedia extends Media { meta: MediaMeta }

export async function loadMediaOf(req: ReportRequest, types: readonly string[]): Promise<LoadedMedia[]> {
  const ids = mediaIdsOf(req, types);
  if (ids.length === 0) throw new BadEvidenceError(`no uploads in the output of ${types.join(' or ')}`);
  return loadMediaIds(req, ids);
}

/**
 * Device signals of the uploads of every task of `types`: the address, user agent and client
 * signals of the newest upload made with an SDK token (the applicant's own device). Uploads
 * made with an API token come from the integrator's server, whose address and user agent say
 * nothing of the applicant: only the document's `location.ip_address` and the client signals
 * the integrator forwarded are taken from them.
 */
export async function loadDeviceSignals(req: ReportRequest, types: readonly string[]): Promise<DeviceSignals> {
  const ids = types.flatMap((t) => mediaIdsOf(req, [t]));
  if (ids.length === 0) throw new BadEvidenceError(`no uploads in the output of ${types.join(' or ')}`);
  const metas = (await loadMediaIds(req, ids)).map((m) => m.meta).sort((a, b) => b.created_at.localeCompare(a.created_at));
  const devices = metas.flatMap((m) => { const d = UploadDevice.safeParse(m.device); return d.success ? [d.data] : []; });
  const statedIp = metas.map((m) => LocationIp.safeParse(m.details.location)).find((l) => l.success)?.data?.ip_address;
  const sdk = devices.find((d) => d.caller === 'sdk');
  const { caller: _c, source_ip, user_agent, ...client } = sdk ?? devices[0] ?? { caller: 'api' };
  return sdk ? { ...client, ip: source_ip ?? statedIp, user_agent } : { ...client, ip: statedIp };
}
const LocationIp = z.object({ ip_address: z.string() });

async function loadMediaIds(req: ReportRequest, ids: string[]): Promise<LoadedMedia[]> {
  return Promise.all(ids.map(async (id) => {
    try {
      const { meta, bytes } = await loadMedia(id);
      if (meta.applicant_id !== req.run.applicant_id) throw new BadEvidenceError(`upload ${id} belongs to another applicant`);
      return { id, bytes, contentType: meta.content_type, meta };
    } catch (e) {
      if (e instanceof BadEvidenceError) throw e;
      if (is404(e)) throw new BadEvidenceError(`upload ${id} does not exist`);
      throw new ReportUnavailableError(`upload ${id} could not be read`, { cause: e });
    }
  }));
}

/** Outputs of the earlier tasks the report type uses (the registry's `uses`), by task id, as the data checks take them. */
export const outputsById = (req: ReportRequest): Record<string, unknown> =>
  Object.fromEntries(reportUses(req.report).flatMap((type) => {
    const t = req.tasks[type];
    return t ? [[t.task_id, t.output]] : [];
  }));
