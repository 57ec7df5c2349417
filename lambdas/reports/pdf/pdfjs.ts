/**
 * unpdf's pdf.js build (for servers: no worker, no network), defined once per process. unpdf loads
 * it with a dynamic import(), which Jest's VM refuses; it is handed over through Node's own loader
 * instead (the same file unpdf would import). Shared by every report that reads PDFs.
 */
import { dirname, join } from 'node:path';
import { definePDFJSModule, getDocumentProxy } from 'unpdf';
import { requireEsm } from './esm';

let defined: Promise<void> | undefined;

export function pdfjs(): Promise<void> {
  defined ??= definePDFJSModule(async () => requireEsm<unknown>(join(dirname(require.resolve('unpdf')), 'pdfjs.mjs')));
  return defined;
}

type Proxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/** The largest image pdf.js decodes, in pixels (about 200 MB as RGBA): a PDF declaring a bigger one (a
 *  decompression bomb) has it skipped, not decoded into the function's memory. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Opens a PDF, hands it to `use`, and always frees it. */
export async function withPdf<T>(bytes: Uint8Array, use: (pdf: Proxy) => Promise<T>): Promise<T> {
  await pdfjs();
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { maxImageSize: MAX_IMAGE_PIXELS });
  try {
    return await use(pdf);
  } finally {
    await (pdf as unknown as { destroy?: () => Promise<void> }).destroy?.();
  }
}

export const isPdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
