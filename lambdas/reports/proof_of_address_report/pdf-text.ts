/** Text layer of a PDF, page by page, with unpdf (pdf.js built for servers, no worker, no network). */
import { extractText } from 'unpdf';
import { withPdf } from '../pdf/pdfjs';

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  return withPdf(bytes, async (pdf) => {
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    return { text, pages: totalPages };
  });
}
