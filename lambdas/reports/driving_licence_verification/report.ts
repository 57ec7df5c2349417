/**
 * driving_licence_verification for US (and Canadian) licences: decodes the AAMVA PDF417 on the
 * back, then judges it. Breakdown, shaped as Onfido's US driving licence report:
 * - `document`: barcode readable and complete, licence number in the issuing state's format,
 *   not expired, issued in the past, IIN issuer matching the stated jurisdiction, and the
 *   number matching the front of the document when autofill read one;
 * - `personal_details`: first/last name, date of birth, gender against the front of the
 *   document (autofill) and the applicant;
 * - `address`: the barcode address against the applicant's (absent without one).
 * Not judged: whether the DMV issued this licence (AAMVA DLDV is an online service).
 */
import { collectSources } from '../identity_report';
import { worst, type ApplicantData, type BreakdownArea, type Media, type ReportResult, type Result } from '../types';
import { AamvaFormatError, parseAamva } from './aamva';
import { readPdf417 } from './decode';
import { requireEsm } from './esm';
import { licenceData, type LicenceData } from './licence';
import { compareField, sameName, sameText } from './compare';

const { getMatches } = requireEsm<{ getMatches: (n: string, o?: { states?: string | string[] }) => Array<{ description: string; state: string }> | null }>('driver-license-validator');

export interface DrivingLicenceEvidence {
  applicant: ApplicantData;
  /** Images of the licence; the back (with the barcode) is found among them. */
  media: Media[];
  tasks?: Record<string, unknown>;
  config: Record<string, unknown>;
  now: Date;
}

const area = (breakdown: Record<string, BreakdownArea>): BreakdownArea =>
  ({ result: worst(Object.values(breakdown).map((b) => b.result)), breakdown });

async function decodeLicence(media: Media[]): Promise<{ data: LicenceData; media_id: string } | { problem: string }> {
  let problem = 'no PDF417 barcode found in the images';
  for (const m of media.filter((x) => x.contentType.startsWith('image/'))) {
    for (const text of await readPdf417(m.bytes)) {
      try {
        return { data: licenceData(parseAamva(text)), media_id: m.id };
      } catch (err) {
        if (!(err instanceof AamvaFormatError)) throw err;
        problem = err.message;
      }
    }
  }
  return { problem };
}

function documentArea(d: LicenceData, frontNumber: string | undefined, now: Date): BreakdownArea {
  const today = now.toISOString().slice(0, 10);
  const missing = (['document_number', 'last_name', 'date_of_birth', 'date_of_expiry'] as const).filter((k) => !d[k]);
  const formats = d.document_number && d.jurisdiction ? getMatches(d.document_number, { states: d.jurisdiction }) : null;
  const numberOk: Result = formats && formats.length > 0 && (!frontNumber || sameText(frontNumber, d.document_number ?? '')) ? 'clear' : 'consider';
  return area({
    barcode: { result: missing.length ? 'consider' : 'clear', ...(missing.length ? { properties: { missing } } : {}) },
    document_number: { result: numberOk, properties: { format: formats?.[0]?.description ?? null, ...(frontNumber ? { matches_front: sameText(frontNumber, d.document_number ?? '') } : {}) } },
    document_expiration_date: { result: d.date_of_expiry ? (d.date_of_expiry >= today ? 'clear' : 'consider') : null },
    issue_date: { result: d.date_of_issue ? (d.date_of_issue <= today && (!d.date_of_expiry || d.date_of_issue < d.date_of_expiry) ? 'clear' : 'consider') : null },
    issuing_jurisdiction: { result: d.issuer && d.jurisdiction ? (d.issuer === d.jurisdiction ? 'clear' : 'consider') : null, properties: { iin_issuer: d.issuer ?? null, stated: d.jurisdiction ?? null } },
  });
}

export async function drivingLicenceReport(ev: DrivingLicenceEvidence): Promise<ReportResult> {
  const decoded = await decodeLicence(ev.media);
  if ('problem' in decoded) {
    return { result: 'consider', breakdown: { document: { result: 'consider', breakdown: { barcode: { result: 'consider', properties: { problem: decoded.problem } } } } }, properties: {} };
  }
  const d = decoded.data;
  const [own, ...others] = collectSources(ev.applicant, ev.tasks);
  const front = others.find((s) => s.source === 'document');
  const refs = [front, own].filter((s) => s !== undefined);
  const breakdown: Record<string, BreakdownArea> = {
    document: documentArea(d, front?.document_number, ev.now),
    personal_details: area({
      first_name: compareField(d.first_name, refs.map((s) => s.first_name), sameName),
      last_name: compareField(d.last_name, refs.map((s) => s.last_name), sameName),
      date_of_birth: compareField(d.date_of_birth, refs.map((s) => s.dob), (a, b) => a === b),
    }),
  };
  const addr = ev.applicant.address;
  if (addr) {
    breakdown.address = area({
      line1: compareField(d.address.line1, [addr.line1 ?? [addr.building_number, addr.street].filter(Boolean).join(' ')], sameText),
      city: compareField(d.address.city, [addr.town], sameText),
      state: compareField(d.address.state, [addr.state], sameText),
      zip_code: compareField(d.address.postcode, [addr.postcode?.slice(0, 5)], sameText),
    });
  }
  return {
    result: worst(Object.values(breakdown).map((b) => b.result)) ?? 'consider',
    breakdown,
    properties: { ...d, barcode_media_id: decoded.media_id },
  };
}
