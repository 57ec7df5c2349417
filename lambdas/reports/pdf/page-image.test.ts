/**
 * A document sent as a PDF is read as the picture embedded in its first page: the same pixels as
 * the image it was made from, whatever else the page carries; a page without such a picture is
 * refused with its reason. And the document check reads the MRZ of a scanned passport PDF exactly.
 */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { FIXTURE_TODAY, makeDocument } from '../fixtures/documents';
import { checkDocument, closeOcr } from '../document_report';
import type { BreakdownArea } from '../types';
import { asImages, pdfPageImage } from './page-image';

/** A PDF page of the size of `image` holding it (a scanner app's output), with a small logo and text beside it. */
function scanPdf(image: Buffer | undefined, width = 1000, height = 700, logo?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [width, height], margin: 0, info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    if (logo) doc.image(logo, 10, 10, { width: 40 });
    doc.text('Scanned with a scanner app', 60, 20);
    if (image) doc.image(image, 0, 60, { width, height: height - 60 });
    doc.end();
  });
}

afterAll(closeOcr);

describe('a document PDF read as its page image', () => {
  it('gives the embedded picture with its pixels, not the logo beside it', async () => {
    const doc = await makeDocument('valid', 'id_card', { format: 'png' });
    const front = doc.images[0]!.bytes;
    const logo = await sharp({ create: { width: 120, height: 120, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const png = await pdfPageImage(await scanPdf(front, 1000, 700, logo));
    const [a, b] = await Promise.all([png, front].map((x) => sharp(x).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
    expect([b!.info.width, b!.info.height]).toEqual([a!.info.width, a!.info.height]);
    expect(Buffer.compare(a!.data, b!.data)).toBe(0);
  });

  it('refuses a page of text alone, saying why', async () => {
    await expect(pdfPageImage(await scanPdf(undefined))).rejects.toThrow("the PDF's first page holds no greyscale or colour image of at least 300 pixels a side");
    const media = [{ id: 'doc-1', bytes: await scanPdf(undefined), contentType: 'application/pdf' }];
    await expect(asImages(media, (m) => new Error(m))).rejects.toThrow(/^document doc-1: the PDF's first page holds no greyscale or colour image/);
    const broken = [{ id: 'doc-2', bytes: Buffer.from('%PDF-1.7 not really'), contentType: 'application/pdf' }];
    await expect(asImages(broken, (m) => new Error(m))).rejects.toThrow(/^document doc-2: not a readable PDF/);
  });

  it('leaves images as they are', async () => {
    const media = [{ id: 'img', bytes: Buffer.from([0xff, 0xd8, 0xff]), contentType: 'image/jpeg' }];
    expect(await asImages(media, (m) => new Error(m))).toEqual(media);
  });

  it('the document check reads a passport scanned to PDF (JPEG inside) as it reads the photo', async () => {
    const doc = await makeDocument('valid', 'passport', { format: 'jpeg' });
    const [image] = await asImages([{ ...doc.images[0]!, bytes: await scanPdf(doc.images[0]!.bytes, 1200, 900), contentType: 'application/pdf' }], (m) => new Error(m));
    expect(image!.contentType).toBe('image/png');
    const report = await checkDocument({ images: [image!], now: FIXTURE_TODAY });
    const area = (name: string) => report.breakdown[name] as BreakdownArea | undefined;
    expect(area('data_validation')?.breakdown?.mrz?.properties?.lines).toEqual(doc.spec.mrz);
    expect(area('image_integrity')?.result).toBe('clear');
  }, 60_000);
});
