/**
 * document_report beyond the fixture variants: images altered after rendering (greyscale,
 * glare, blur at full size), a printed field that disagrees with the MRZ, applicant data that
 * disagrees with the document, config and variants, and media that is not an image.
 * Several cases check the same images with another applicant or config: the reading of
 * identical images (OCR, ~5 s each on a busy machine) is done once in this file and shared;
 * checkDocument still judges each case from it (`mockReads` counts the real readings).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { FIXTURE_TODAY, makeDocument, passportPage, UNSUPPORTED_FIXTURE_COUNTRY, type SyntheticDocument } from '../fixtures/documents';
import type { BreakdownArea, Media, ReportResult } from '../types';
import { checkDocument, closeOcr, DocumentConfigError } from '.';
import type * as Reading from './reading';

let mockReads = 0;
jest.mock('./reading', () => {
  const actual = jest.requireActual<typeof Reading>('./reading');
  const memo = new Map<string, ReturnType<typeof actual.readDocument>>();
  const readDocument: typeof actual.readDocument = (images, now, options) => {
    const key = JSON.stringify([images.map((m) => [m.id, m.contentType, createHash('sha256').update(m.bytes).digest('hex')]), now, options]);
    let read = memo.get(key);
    if (!read) { mockReads++; memo.set(key, read = actual.readDocument(images, now, options)); }
    return read;
  };
  return { ...actual, readDocument };
});

let valid: SyntheticDocument;
let passport: Media[];
let idCard: Media[];
afterAll(closeOcr);
beforeAll(async () => {
  valid = await makeDocument('valid', 'passport');
  passport = valid.images;
  idCard = (await makeDocument('valid', 'id_card', { format: 'jpeg' })).images;
}, 30_000);

const alter = async (media: Media, f: (s: sharp.Sharp) => sharp.Sharp): Promise<Media[]> =>
  [{ ...media, bytes: await f(sharp(media.bytes)).png().toBuffer(), contentType: 'image/png' }];
const check = (images: Media[], extra: Partial<Parameters<typeof checkDocument>[0]> = {}) =>
  checkDocument({ images, now: FIXTURE_TODAY, ...extra });
const sub = (r: ReportResult, a: string, b: string) => (r.breakdown[a] as BreakdownArea | undefined)?.breakdown?.[b];

describe('image integrity on altered images', () => {
  it('rejects a black-and-white copy (colour_picture)', async () => {
    const report = await check(await alter(passport[0] as Media, (s) => s.greyscale()));
    expect(report.sub_result).toBe('rejected');
    expect(sub(report, 'image_integrity', 'colour_picture')?.result).toBe('consider');
    expect(sub(report, 'image_integrity', 'image_quality')?.result).toBe('clear');
  });

  it('rejects a photo with a reflection over the printed fields (a clipped blob fading into the page)', async () => {
    const glare = Buffer.from('<svg width="1000" height="704"><defs><radialGradient id="g"><stop offset="0.55" stop-color="white"/>'
      + '<stop offset="1" stop-color="white" stop-opacity="0"/></radialGradient></defs><ellipse cx="600" cy="280" rx="160" ry="100" fill="url(#g)"/></svg>');
    const report = await check(await alter(passport[0] as Media, (s) => s.composite([{ input: glare }])));
    expect(sub(report, 'image_integrity', 'image_quality')?.properties?.reasons).toEqual(['glare_on_photo']);
    expect(report.sub_result).toBe('rejected');
  });

  it('clears a clean off-white 1250×880 TD3 page with its MRZ on a white band, and reads the MRZ exactly', async () => {
    const doc = valid;
    const png = passportPage(doc.spec, { scale: 10, from: '#f3efe3', to: '#efe9dc', wave: 'rgba(150,140,110,0.12)', mrzBand: '#ffffff' });
    const report = await check([{ id: 'offwhite', bytes: png, contentType: 'image/png' }]);
    expect(sub(report, 'image_integrity', 'image_quality')?.properties?.reasons).toEqual([]);
    expect((report.breakdown.image_integrity as BreakdownArea | undefined)?.result).toBe('clear');
    expect(sub(report, 'data_validation', 'mrz')?.properties?.lines).toEqual(doc.spec.mrz);
    // The whole page's OCR reads the printed expiry 11 JUL 2031 as 2039; the second read of its box settles it.
    expect(sub(report, 'data_consistency', 'date_of_expiry')?.result).toBe('clear');
    expect(report.result).toBe('clear');
  });

  it('rejects a full-size but blurred photo (Laplacian variance)', async () => {
    const report = await check(await alter(passport[0] as Media, (s) => s.blur(2.5)));
    expect(sub(report, 'image_integrity', 'image_quality')?.properties?.reasons).toEqual(['blurred_photo']);
  });

  it('rejects media that is not a readable image', async () => {
    const report = await check([{ id: 'x', bytes: Buffer.from('%PDF-1.4 not an image'), contentType: 'application/pdf' }]);
    expect(report.sub_result).toBe('rejected');
    expect(sub(report, 'image_integrity', 'image_quality')?.properties?.reasons).toEqual(['unreadable_image']);
    expect(Object.keys(report.breakdown)).toEqual(['image_integrity']);
  });
});

describe('data consistency and comparison', () => {
  it('flags a printed date of birth that differs from the MRZ as suspected', async () => {
    const tampered = await makeDocument('valid', 'passport', { printed: { birthDate: '1986-03-12' } });
    const report = await check(tampered.images);
    expect(report.sub_result).toBe('suspected');
    expect(sub(report, 'data_consistency', 'date_of_birth')?.result).toBe('consider');
    expect(sub(report, 'data_consistency', 'last_name')?.result).toBe('clear');
    expect(sub(report, 'data_validation', 'mrz')?.result).toBe('clear');
  });

  it('gives caution when the applicant name or date of birth differs; absent without applicant data', async () => {
    const report = await check(passport, { applicant: { first_name: 'Sarah', last_name: 'Martinez', dob: '1985-03-13' } });
    expect(report.sub_result).toBe('caution');
    expect(sub(report, 'data_comparison', 'first_name')?.result).toBe('clear');
    expect(sub(report, 'data_comparison', 'last_name')?.result).toBe('consider');
    expect(sub(report, 'data_comparison', 'date_of_birth')?.result).toBe('consider');
    const without = await check(passport);
    expect(without.breakdown.data_comparison).toBeUndefined();
    expect(without.result).toBe('clear');
  });
});

describe('config and variants', () => {
  it('accepts any issuing country without a documents list', async () => {
    const report = await check((await makeDocument('unsupported_country', 'passport')).images);
    expect(report.properties.issuing_country).toBe(UNSUPPORTED_FIXTURE_COUNTRY);
    expect(sub(report, 'image_integrity', 'supported_document')?.result).toBe('clear');
  });

  it('rejects a document type the config does not accept', async () => {
    const report = await check(idCard, { config: { documents: [{ type: 'passport' }] } });
    expect(sub(report, 'image_integrity', 'supported_document')?.result).toBe('consider');
  });

  it('with_address: reads the printed address from the back of the ID card', async () => {
    const report = await check(idCard, { config: { variant: 'with_address' } });
    expect(report.properties.address).toEqual({ line1: 'HAUPTSTRASSE 12', line2: '10115 BERLIN' });
    expect(report.variant).toBe('with_address');
  });

  it('with_address on a passport without an address, and with_driving_licence: says what was not read', async () => {
    const noAddress = await check(passport, { config: { variant: 'with_address' } }) as ReportResult & { not_checked: Array<{ area: string }> };
    expect(noAddress.properties.address).toBeUndefined();
    expect(noAddress.not_checked.map((n) => n.area)).toContain('address');
    const licence = await check(passport, { config: { variant: 'with_driving_licence' } }) as ReportResult & { not_checked: Array<{ area: string }> };
    expect(licence.not_checked.map((n) => n.area)).toContain('driving_licence_information');
  });

  it('throws a named error for an invalid config', async () => {
    await expect(check(passport, { config: { documents: [{ type: 'passport', countries: ['gb'] }] } as never }))
      .rejects.toThrow(DocumentConfigError);
    await expect(check(passport, { config: { variant: 'premium' } as never })).rejects.toThrow(/variant/);
  });
});

it('read each distinct set of images once (the cases above share the readings of identical images)', () => {
  // greyscale, glare, blur, off-white page, not an image, printed date of birth, unsupported country,
  // the valid passport (4 cases) and the valid ID card (2 cases).
  expect(mockReads).toBe(9);
});
