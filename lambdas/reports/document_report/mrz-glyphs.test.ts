/**
 * The OCR-B template reader: the committed templates match a fresh render, and random seeded
 * clean documents (TD3, TD1 and TD2, PNG and JPEG) are read exactly, with valid check digits and no
 * repairs, by the whole MRZ reading path (template matching first, Tesseract only as fallback).
 */
import { DOCUMENT_KINDS, FIXTURE_TODAY, randomSpec, renderDocument } from '../fixtures/documents';
import { closeOcr, readDocument } from '.';
import { templatesSource } from './mrz-glyph-templates.generate';
import { readGlyphs } from './mrz-glyphs';
import { locateMrz } from './mrz-locate';
import { greyRaster } from './mrz-read';
import { readFileSync } from 'node:fs';
import path from 'node:path';

afterAll(closeOcr);

it('committed templates are the ones the generator renders', () => {
  expect(readFileSync(path.join(__dirname, 'mrz-glyph-templates.ts'), 'utf8')).toBe(templatesSource());
});

const COUNT = 30;

it(`reads ${COUNT} random seeded clean documents exactly`, async () => {
  const misses: string[] = [];
  const kinds = new Set<string>();
  for (let i = 0; i < COUNT; i++) {
    const spec = randomSpec(7000 + i, FIXTURE_TODAY, DOCUMENT_KINDS[i % DOCUMENT_KINDS.length]);
    kinds.add(spec.kind);
    const images = await renderDocument(spec, i % 2 ? 'jpeg' : 'png');
    const reading = await readDocument(images, FIXTURE_TODAY, { printed: 'if_mrz_invalid' });
    const mrz = reading.mrz;
    const exact = mrz?.parsed.lines.join('\n') === spec.mrz.join('\n') && mrz.parsed.result.valid && mrz.parsed.corrections.length === 0;
    if (!exact) misses.push(`${7000 + i} ${spec.kind}: ${JSON.stringify(mrz?.parsed.lines)} (reader ${mrz?.text.reader})`);
  }
  expect(misses).toEqual([]);
  expect([...kinds].sort()).toEqual(['id_card', 'passport', 'td2_card']);
}, 180_000);

it('a clean page whose check digit was altered is read as printed, not repaired', async () => {
  const spec = randomSpec(7100, FIXTURE_TODAY);
  const broken = [...spec.mrz];
  const line = 1; // TD3 and TD1 both carry the date of birth on line 2
  const column = spec.kind === 'passport' ? 19 : 6; // date-of-birth check digit
  const text = broken[line] ?? '';
  broken[line] = text.slice(0, column) + String((Number(text[column]) + 5) % 10) + text.slice(column + 1);
  const images = await renderDocument({ ...spec, mrz: broken });
  const grey = await greyRaster(images[images.length - 1]?.bytes ?? Buffer.alloc(0));
  const read = readGlyphs(grey, locateMrz(grey) ?? { top: 0, bottom: 0, left: 0, right: 0 });
  expect(read?.clean).toBe(true);
  expect(read?.lines).toEqual(broken);
  const reading = await readDocument(images, FIXTURE_TODAY, { printed: 'if_mrz_invalid' });
  expect(reading.mrz?.parsed.lines).toEqual(broken);
  expect(reading.mrz?.parsed.result.valid).toBe(false);
  expect(reading.mrz?.data.valid.birthDateCheckDigit).toBe(false);
}, 60_000);
