/**
 * normaliseGrey gives sharp's normalise() byte for byte: on a rendered page (greyRaster's path)
 * and on seeded rasters of every brightness range, dark ones (left to sharp) included, through
 * both pipelines the report code uses.
 */
import sharp, { type Sharp } from 'sharp';
import { FIXTURE_TODAY, randomSpec, renderDocument, seeded } from '../fixtures/documents';
import { normaliseGrey } from './normalise';

const PIPELINES: Array<[string, (s: Sharp) => Sharp]> = [
  ['greyscale().normalise()', (s) => s.greyscale().normalise()],
  ['extractChannel(0).normalise()', (s) => s.extractChannel(0).normalise()],
];

async function bySharp(data: Buffer, width: number, height: number, normalise: (s: Sharp) => Sharp): Promise<Buffer> {
  const { data: out, info } = await normalise(sharp(data, { raw: { width, height, channels: 1 } })).raw().toBuffer({ resolveWithObject: true });
  return info.channels === 1 ? out : Buffer.from(Array.from({ length: width * height }, (_, i) => out[i * info.channels] ?? 0));
}

it('normalises a rendered page as sharp does', async () => {
  const [page] = await renderDocument(randomSpec(7002, FIXTURE_TODAY, 'passport'), 'jpeg');
  const expected = await sharp(page?.bytes).rotate().greyscale().normalise().raw().toBuffer();
  const { data, info } = await sharp(page?.bytes).rotate().greyscale().raw().toBuffer({ resolveWithObject: true });
  const normalised = await normaliseGrey(data, info.width, info.height, (s) => s.greyscale().normalise());
  expect(normalised.equals(expected)).toBe(true);
  expect(normalised.equals(data)).toBe(false);
});

it.each(PIPELINES)('normalises seeded rasters of every range as sharp does (%s)', async (_, normalise) => {
  const rnd = seeded(17);
  for (let k = 0; k < 24; k++) {
    const width = 40 + Math.floor(rnd() * 400), height = 30 + Math.floor(rnd() * 300);
    const low = Math.floor(rnd() * 200), span = Math.floor(rnd() * (256 - low)), skew = 0.3 + rnd() * 3;
    const data = Buffer.alloc(width * height);
    for (let i = 0; i < data.length; i++) data[i] = low + Math.floor(span * rnd() ** skew);
    expect([k, (await normaliseGrey(data, width, height, normalise)).equals(await bySharp(data, width, height, normalise))]).toEqual([k, true]);
  }
});
