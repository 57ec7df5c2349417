/**
 * A live photo may be a PDF (Onfido v3.6 takes jpg, png and pdf): the face checks are given the
 * picture on its first page, as the document checks are, and a PDF without one is bad evidence
 * (the report says `consider`), never a crash. The face checks themselves are stubbed: what
 * matters here is what they are handed.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { ReportRequest } from '../../compiler';
import type { MediaMeta } from '../store/media';
import { CHECKS, useFaceIndexes } from './dispatch';
import { BadEvidenceError } from './evidence';
import type { Media } from './types';

const stored = new Map<string, { meta: MediaMeta; bytes: Buffer }>();
jest.mock('../store/media', () => ({
  ...jest.requireActual<object>('../store/media'),
  loadMedia: async (id: string) => stored.get(id)!,
}));
const handed: Array<{ live: Media[] }> = [];
jest.mock('./face', () => ({
  ...jest.requireActual<object>('./face'),
  checkFacialSimilarity: async (input: { live: Media[] }) => { handed.push(input); return { result: 'clear', breakdown: {}, properties: {} }; },
  checkKnownFaces: async (input: { live: Media }) => { handed.push({ live: [input.live] }); return { result: 'clear', breakdown: {}, properties: {} }; },
}));

function pdfOf(image: Buffer | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [400, 400], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
    if (image) doc.image(image, 0, 0, { width: 400, height: 400 }); else doc.text('no picture here');
    doc.end();
  });
}

function store(id: string, kind: MediaMeta['kind'], bytes: Buffer, contentType: string, details: Record<string, unknown> = {}) {
  stored.set(id, {
    bytes, meta: {
      id, kind, environment: 'live', applicant_id: 'app-1', created_at: '2026-01-01T00:00:00Z', file_name: id, file_type: contentType,
      file_size: bytes.length, content_type: contentType, object_key: id, details,
    },
  });
}

const request = (report: 'facial_similarity_report' | 'known_faces_report', selfie: string): ReportRequest => ({
  kind: 'report', report, task_id: report, task_version: 1, config: report === 'facial_similarity_report' ? { variant: 'photo' } : {},
  run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox: false, applicant: {}, custom: {} },
  tasks: { document_capture: { task_id: 'doc', output: [{ id: 'doc' }] }, face_capture_photo: { task_id: 'face', output: [{ id: selfie }] } },
} as unknown as ReportRequest);
const ev = (req: ReportRequest) => ({ req, applicant: { first_name: 'Jane', last_name: 'Doe' }, now: new Date('2026-01-01T00:00:00Z') });

let photo: Buffer;
beforeAll(async () => {
  photo = await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 180, g: 140, b: 120 } } }).png().toBuffer();
  store('doc', 'documents', await sharp(photo).jpeg().toBuffer(), 'image/jpeg', { type: 'passport', side: 'front' });
  store('selfie-pdf', 'live_photos', await pdfOf(photo), 'application/pdf');
  store('blank-pdf', 'live_photos', await pdfOf(undefined), 'application/pdf');
  useFaceIndexes(() => ({}) as never);
});

it.each(['facial_similarity_report', 'known_faces_report'] as const)('%s is handed the picture of a PDF live photo, as a PNG', async (report) => {
  handed.length = 0;
  await CHECKS[report](ev(request(report, 'selfie-pdf')));
  const [live] = handed[0]!.live;
  expect(live!.contentType).toBe('image/png');
  const [a, b] = await Promise.all([live!.bytes, photo].map((x) => sharp(x).removeAlpha().raw().toBuffer()));
  expect(Buffer.compare(a!, b!)).toBe(0);
});

it('a PDF live photo without a picture is bad evidence naming the live photo', async () => {
  const refused = CHECKS.facial_similarity_report(ev(request('facial_similarity_report', 'blank-pdf')));
  await expect(refused).rejects.toThrow(BadEvidenceError);
  await expect(refused).rejects.toThrow(/^live photo blank-pdf: the PDF's first page holds no greyscale or colour image/);
});
