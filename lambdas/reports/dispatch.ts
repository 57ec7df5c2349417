/**
 * Live reports: one line per report type, from the request and the loaded evidence to the
 * check in lambdas/reports/<type>. Sandbox runs never come here (see handler.ts). A check reads
 * only the earlier tasks its type `uses` in the registry (compiler/tasks/registry.ts): the ones
 * the compiled workflow sends it. Each check's module loads on its first use: a sandbox run
 * (canned reports, handler.ts) loads none, and a live run only the checks it runs (their OCR, PDF
 * and image libraries, loaded up front, cost the bundled function's cold start ~0.17 s of CPU of
 * 0.66 s, and ~1 s in each jest file that ran a report).
 */
import {
  FACE_CAPTURE_OF_VARIANT, MEDIA_CAPTURES, reportUses, type ReportRequest, type ReportResult, type ReportType,
} from '../../compiler';
import { BadEvidenceError, loadDeviceSignals, loadMediaOf, outputsById, ReportUnavailableError, type LoadedMedia } from './evidence';
import { FaceInputError } from './face/errors';
import type { FaceIndexStore } from './face';
import { isTransientAwsError } from '../shared/errors';
import type { ApplicantData } from './types';
import { clients } from '../shared/aws';
import { config } from '../shared/config';

export interface Evidence { req: ReportRequest; applicant: ApplicantData; now: Date }
type Check = (ev: Evidence) => Promise<ReportResult>;

const DOC = ['document_capture'] as const;
/** The capture tasks among what a report type uses, whose uploads are its media. */
const capturesOf = (type: ReportType) => reportUses(type).filter((t) => (MEDIA_CAPTURES as readonly string[]).includes(t));

// Process-wide: the known-faces index of each environment (in DynamoDB; each warm container
// holds a copy in memory and reads the faces other containers added). The watchlist is held per
// version by watchlist_report/lists.ts.
const faceIndexes = new Map<string, FaceIndexStore>();
let makeFaceIndex = async (environment: string): Promise<FaceIndexStore> => new (await import('./known_faces_report/dynamo')).DynamoFaceIndex(environment);
async function faceIndexOf(environment: string): Promise<FaceIndexStore> {
  const held = faceIndexes.get(environment);
  if (held) return held;
  const made = await makeFaceIndex(environment);
  const index = faceIndexes.get(environment) ?? made; // of two first checks at once, the index made first is kept
  faceIndexes.set(environment, index);
  return index;
}

/** The seam for tests: which index the next known-faces checks use (forgets the ones held). */
export function useFaceIndexes(make: (environment: string) => FaceIndexStore): void {
  makeFaceIndex = async (environment) => make(environment);
  faceIndexes.clear();
}

/** The document report's config with the capture task's accepted documents, which the compiled workflow sends with its output. */
export function documentReportConfig(req: ReportRequest): Record<string, unknown> {
  const documents = req.tasks.document_capture?.config?.documents;
  return documents === undefined ? req.config : { ...req.config, documents };
}

/** Uploads as images: a PDF is read as its first page's picture (reports/pdf/page-image.ts); `what` names them in its error. */
async function asImages(media: LoadedMedia[], what: string): Promise<LoadedMedia[]> {
  if (!media.some((m) => m.contentType === 'application/pdf')) return media;
  return (await import('./pdf/page-image')).asImages(media, (message) => new BadEvidenceError(message), what);
}
/** The document capture's uploads as images. */
const documentImages = async (req: ReportRequest) => asImages(await loadMediaOf(req, DOC), 'document');
/** A face capture's uploads: a live photo may be a PDF (Onfido takes jpg, png and pdf), read as its picture; videos are left as they are. */
const faceMedia = async (req: ReportRequest, captures: readonly string[]) => asImages(await loadMediaOf(req, captures), 'live photo');

const frontOf = (docs: LoadedMedia[]) => docs.find((d) => d.meta.details.side === 'front') ?? docs[0];

export const CHECKS: Record<ReportType, Check> = {
  document_report: async ({ req, applicant, now }) => (await import('./document_report')).checkDocument({
    images: await documentImages(req), config: documentReportConfig(req), applicant, now, version: req.task_version,
  }),
  autofill: async ({ req, now }) => (await import('./autofill')).extractDocument({ images: await documentImages(req), now }),
  facial_similarity_report: async ({ req }) => {
    const { checkFacialSimilarity, FacialSimilarityConfig } = await import('./face');
    const config = FacialSimilarityConfig.safeParse(req.config);
    if (!config.success) throw new FaceInputError(`Invalid facial_similarity_report config: ${config.error.issues.map((i) => i.message).join('; ')}`);
    const document = frontOf(await documentImages(req));
    if (!document) throw new BadEvidenceError('no document image');
    return checkFacialSimilarity({ documentImage: document, live: await faceMedia(req, [FACE_CAPTURE_OF_VARIANT[config.data.variant]]), config: config.data });
  },
  known_faces_report: async ({ req }) => {
    const [live] = await faceMedia(req, capturesOf('known_faces_report'));
    if (!live) throw new BadEvidenceError('no face upload');
    return (await import('./face')).checkKnownFaces({ live, applicantId: req.run.applicant_id, index: await faceIndexOf(req.run.sandbox ? 'sandbox' : 'live') });
  },
  device_intelligence_report: async ({ req, applicant, now }) => {
    const { deviceReport, MaxmindCountryLookup } = await import('./device_intelligence_report');
    return deviceReport({
      applicant, device: await loadDeviceSignals(req, capturesOf('device_intelligence_report')), tasks: outputsById(req), config: req.config, now,
      geo: MaxmindCountryLookup.bundled(),
    });
  },
  identity_report: async ({ req, applicant, now }) => (await import('./identity_report')).identityReport({ applicant, tasks: outputsById(req), config: req.config, now }),
  watchlist_report: async ({ req, applicant, now }) => {
    const { loadWatchlist, watchlistReport } = await import('./watchlist_report');
    const { store, info } = await loadWatchlist({ s3: clients().s3, bucket: config().BUCKET_NAME })
      .catch((e: unknown) => { throw isTransientAwsError(e) ? new ReportUnavailableError('loading the watchlist failed', { cause: e }) : e; });
    return watchlistReport({ applicant, tasks: outputsById(req), config: req.config, store, list: info, now });
  },
  driving_licence_verification: async ({ req, applicant, now }) => (await import('./driving_licence_verification')).drivingLicenceReport({
    applicant, media: req.tasks.document_capture ? await documentImages(req) : [], tasks: outputsById(req), config: req.config, now,
  }),
  india_tax_id_report: async ({ req, applicant, now }) => (await import('./india_tax_id_report')).indiaPanReport({ applicant, tasks: outputsById(req), config: req.config, now }),
  proof_of_address_report: async ({ req, applicant, now }) =>
    (await import('./proof_of_address_report')).proofOfAddressReport({ applicant, media: await loadMediaOf(req, ['proof_of_address_capture']), config: req.config, now }),
};

export const runLiveReport = (ev: Evidence): Promise<ReportResult> => CHECKS[ev.req.report](ev);
