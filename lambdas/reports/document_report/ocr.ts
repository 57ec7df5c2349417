/**
 * Offline Tesseract workers, started once per process and reused across calls (start ~0.4 s).
 * The legacy engine reads the MRZ (the LSTM model misreads `<`); the LSTM engine reads the
 * printed fields. Traineddata comes from @tesseract.js-data/eng on disk, never from a CDN.
 */
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

const LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
export const MRZ_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ<';

let mrzWorker: Promise<Worker> | null = null;
let textWorker: Promise<Worker> | null = null;

/** Images carry no density; without one Tesseract guesses and warns on every page. */
const DPI = { user_defined_dpi: '300' };

function start(oem: OEM, params: Record<string, string>): Promise<Worker> {
  const started = createWorker('eng', oem, { langPath: LANG_PATH, gzip: true, cacheMethod: 'none' })
    .then(async (worker) => { await worker.setParameters({ ...DPI, ...params }); return worker; });
  // A failed start must not be cached: the next call tries again.
  started.catch(() => { if (mrzWorker === started) mrzWorker = null; if (textWorker === started) textWorker = null; });
  return started;
}

export interface Box { x0: number; y0: number; x1: number; y1: number }
export interface OcrWord { text: string; confidence: number; bbox: Box }
/** A line of text; `words` when the engine gave them (a same-line label and value are told apart by them). */
export interface OcrLine extends OcrWord { words?: OcrWord[] }

const word = (w: OcrWord): OcrWord => ({ text: w.text.trim(), confidence: w.confidence, bbox: w.bbox });

function linesOf(data: { blocks?: unknown }): OcrLine[] {
  const blocks = (data.blocks ?? []) as Array<{ paragraphs: Array<{ lines: Array<OcrWord & { words?: OcrWord[] }> }> }>;
  const lines = blocks.flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
  return lines.map((l) => ({ ...word(l), words: (l.words ?? []).map(word).filter((w) => w.text.length > 0) })).filter((l) => l.text.length > 0);
}

let mrzQueue: Promise<unknown> = Promise.resolve();
/** Recognitions not yet answered: closeOcr waits for them (terminating under a job crashes the process). */
const inFlight = new Set<Promise<unknown>>();
function tracked<T>(job: Promise<T>): Promise<T> {
  inFlight.add(job);
  job.then(() => inFlight.delete(job), () => inFlight.delete(job));
  return job;
}

/**
 * Reads an MRZ strip (already cropped) with the legacy engine. `alphabet` narrows the
 * whitelist (a names-only line is read with letters and `<`). Calls are queued so one call's
 * whitelist never applies to another's image.
 */
export function recogniseMrz(image: Buffer, alphabet: string = MRZ_ALPHABET): Promise<OcrLine[]> {
  const run = async () => {
    mrzWorker ??= start(OEM.TESSERACT_ONLY, { tessedit_char_whitelist: MRZ_ALPHABET, tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
    const worker = await mrzWorker;
    await worker.setParameters({ tessedit_char_whitelist: alphabet });
    const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
    return linesOf(data);
  };
  const result = tracked(mrzQueue.then(run, run));
  mrzQueue = result.catch(() => undefined);
  return result;
}

/** Reads printed text anywhere on a page (sparse layout: labels and values in columns). */
export function recogniseText(image: Buffer): Promise<OcrLine[]> {
  return tracked((async () => {
    textWorker ??= start(OEM.LSTM_ONLY, { tessedit_pageseg_mode: PSM.SPARSE_TEXT });
    const { data } = await (await textWorker).recognize(image, {}, { blocks: true, text: false });
    return linesOf(data);
  })());
}

/** Stops the workers (tests and benchmarks call this so the process can exit). */
export async function closeOcr(): Promise<void> {
  await Promise.allSettled([...inFlight]);
  const workers = [mrzWorker, textWorker];
  mrzWorker = null;
  textWorker = null;
  await Promise.all(workers.map(async (w) => { if (w) await (await w).terminate(); }));
}
