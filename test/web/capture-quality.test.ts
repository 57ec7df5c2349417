/**
 * The capture page's on-device document checks (web/capture/src/quality) on generated camera
 * shots: a rendered passport or a white printed page lying on a table, at a phone camera's
 * resolution, scaled to the analysis size as the page scales them.
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { makeDocument } from '../../lambdas/reports/fixtures/documents';
import { analysisSize, checkDocument } from '../../web/capture/src/quality';
import { laplacianVariance } from '../../web/capture/src/quality/blur';
import { findDocument } from '../../web/capture/src/quality/edges';
import { findGlare } from '../../web/capture/src/quality/glare';
import { toGray } from '../../web/capture/src/quality/pixels';

const SHOT = { width: 1600, height: 1200 };

/** A table top: a dark wood colour with seeded noise (a camera's sensor noise and grain). */
async function table(): Promise<Buffer> {
  const raw = Buffer.alloc(SHOT.width * SHOT.height * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i += 3) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const n = (seed % 17) - 8;
    raw[i] = 92 + n; raw[i + 1] = 70 + n; raw[i + 2] = 52 + n;
  }
  return sharp(raw, { raw: { ...SHOT, channels: 3 } }).png().toBuffer();
}

/** `doc` scaled to `width` and laid on the table at (left, top); parts outside the shot are cut off. */
async function shot(doc: Buffer, width: number, left: number, top: number): Promise<Buffer> {
  const scaled = await sharp(doc).resize({ width }).png().toBuffer();
  const meta = await sharp(scaled).metadata();
  const x0 = Math.max(0, -left); const y0 = Math.max(0, -top);
  const w = Math.min(meta.width!, SHOT.width - left) - x0; const h = Math.min(meta.height!, SHOT.height - top) - y0;
  const part = await sharp(scaled).extract({ left: x0, top: y0, width: w, height: h }).png().toBuffer();
  return sharp(await table()).composite([{ input: part, left: Math.max(0, left), top: Math.max(0, top) }]).jpeg({ quality: 92 }).toBuffer();
}

/** The photo as the page hands it to the checks: scaled to the analysis size, RGBA. */
async function pixels(photo: Buffer) {
  const meta = await sharp(photo).metadata();
  const size = analysisSize(meta.width!, meta.height!);
  const { data, info } = await sharp(photo).resize(size.width, size.height, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** A white printed page (a letter): black lines of text on pure white, most of it blank paper. */
function whitePage(): Buffer {
  const c = createCanvas(850, 1100);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 850, 1100);
  ctx.fillStyle = '#111111';
  ctx.font = '22px sans-serif';
  for (let i = 0; i < 14; i++) ctx.fillText(`Line ${i + 1}: 12 Example Street, Springfield, invoice no. 4815162342`, 60, 120 + i * 40);
  return c.toBuffer('image/png');
}

let passport: Buffer;
beforeAll(async () => { passport = (await makeDocument('valid', 'passport')).images[0]!.bytes; });

it('a sharp passport lying inside the frame passes every check', async () => {
  const img = await pixels(await shot(passport, 1100, 250, 220));
  expect(findDocument(img).cut).toEqual([]);
  expect(checkDocument(img)).toEqual([]);
});

it('cut-off edges: a passport filling the whole frame, or pushed over the left or bottom edge', async () => {
  expect(checkDocument(await pixels(passport))).toEqual(['cut_off']);
  expect(findDocument(await pixels(await shot(passport, 1100, -200, 220))).cut).toEqual(['left']);
  expect(findDocument(await pixels(await shot(passport, 1100, 250, 600))).cut).toEqual(['bottom']);
});

it('blur: the same shot out of focus (a 3 px blur at the camera\'s resolution) and the fixtures\' blurred passport', async () => {
  const sharpShot = await shot(passport, 1100, 250, 220);
  const blurred = await sharp(sharpShot).blur(3).jpeg({ quality: 92 }).toBuffer();
  expect(checkDocument(await pixels(blurred))).toEqual(['blur']);
  const fixture = (await makeDocument('blurred', 'passport')).images[0]!.bytes;
  expect(checkDocument(await pixels(await shot(fixture, 1100, 250, 220)))).toContain('blur');
  expect(laplacianVariance(toGray(await pixels(sharpShot)))).toBeGreaterThan(3 * laplacianVariance(toGray(await pixels(blurred))));
});

it('glare: a burnt-out reflection on the passport; white paper with print is not glare', async () => {
  const spot = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="360" height="260"><defs><radialGradient id="g">
    <stop offset="0.55" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
    <ellipse cx="180" cy="130" rx="180" ry="130" fill="url(#g)"/></svg>`);
  const glared = await sharp(await shot(passport, 1100, 250, 220)).composite([{ input: spot, left: 800, top: 420 }]).jpeg({ quality: 92 }).toBuffer();
  expect(checkDocument(await pixels(glared))).toEqual(['glare']);
  const letter = await pixels(await shot(whitePage(), 700, 450, 150));
  expect(findGlare(toGray(letter, findDocument(letter).box)).glare).toBe(false);
  expect(checkDocument(letter)).toEqual([]);
});
