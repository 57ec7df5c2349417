/** Text layer of a PDF, page by page, with unpdf (pdf.js built for servers, no worker, no network). */
import { dirname, join } from 'node:path';
import { definePDFJSModule, extractText, getDocumentProxy } from 'unpdf';
import { requireEsm } from './esm';

let defined: Promise<void> | undefined;

/** unpdf loads its pdf.js build with a dynamic import(), which Jest's VM refuses; hand it the
 *  module through Node's own loader instead (the same file unpdf would import). */
function pdfjs(): Promise<void> {
  defined ??= definePDFJSModule(async () => requireEsm<unknown>(join(dirname(require.resolve('unpdf')), 'pdfjs.mjs')));
  return defined;
}

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  await pdfjs();
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    return { text, pages: totalPages };
  } finally {
    await (pdf as unknown as { destroy?: () => Promise<void> }).destroy?.();
  }
}
