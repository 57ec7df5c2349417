import { mrzData } from './mrz-fields';
import { parseMrz } from './mrz-parse';
import { mrzShape } from './mrz-read';

const TD3 = ['P<GBRERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36GBR7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<DEUL01X00T471<<<<<<<<<<<<<<<', '9011045M2908155DEU<<<<<<<<<<<8', 'SCHNEIDER<<LUKAS<<<<<<<<<<<<<<'];
const NOW = new Date('2025-06-01T00:00:00Z');

describe('parseMrz', () => {
  it('parses the ICAO TD3 specimen and pivots its dates', () => {
    const parsed = parseMrz(TD3);
    expect(parsed.result.valid).toBe(true);
    expect(parsed.corrections).toEqual([]);
    const data = mrzData(parsed, NOW);
    expect(data).toMatchObject({
      format: 'TD3', document_type: 'passport', issuing_country: 'GBR', document_number: 'L898902C3',
      last_name: 'ERIKSSON', first_name: 'ANNA MARIA', date_of_birth: '1974-08-12', date_of_expiry: '2012-04-15', gender: 'Female',
    });
  });

  it('repairs O for 0 in a numeric field (mrz autocorrect) and in the document number (check digit)', () => {
    const misread = ['I<DEUL01XO0T471<<<<<<<<<<<<<<<', '9O11045M2908155DEU<<<<<<<<<<<8', TD1[2] ?? ''];
    const parsed = parseMrz(misread);
    expect(parsed.lines).toEqual(TD1);
    expect(parsed.corrections).toEqual([
      { line: 1, column: 1, original: 'O', corrected: '0' }, { line: 0, column: 9, original: 'O', corrected: '0' },
    ]);
    expect(parsed.result.valid).toBe(true);
  });

  it('does not "repair" a tampered document-number check digit that the composite digit contradicts', () => {
    // 0 → O at column 5 would satisfy the altered check digit, but the composite digit still fails.
    const parsed = parseMrz([TD3[0] ?? '', 'L898902C30GBR7408122F1204159ZE184226B<<<<<10']);
    expect(parsed.corrections).toEqual([]);
    expect(parsed.lines[1]).toBe('L898902C30GBR7408122F1204159ZE184226B<<<<<10');
    expect(parsed.result.valid).toBe(false);
  });

  it('keeps a wrong date check digit wrong', () => {
    const parsed = parseMrz([TD3[0] ?? '', 'L898902C36GBR7408125F1204159ZE184226B<<<<<10']);
    const data = mrzData(parsed, NOW);
    expect(data.valid.birthDateCheckDigit).toBe(false);
    expect(data.errors.join()).toMatch(/check digit/);
  });

  it('puts a two-digit birth year in the past and an expiry year at most 50 years ahead', () => {
    const young = mrzData(parseMrz(['I<DEUL01X00T471<<<<<<<<<<<<<<<', '0906249M2908155DEU<<<<<<<<<<<2', TD1[2] ?? '']), NOW);
    expect(young.date_of_birth).toBe('2009-06-24');
    const old = mrzData(parseMrz(TD3), NOW);
    expect(old.date_of_birth).toBe('1974-08-12');
  });
});

describe('mrzShape', () => {
  it('keeps the last lines of one MRZ shape and mends a line one character short', () => {
    expect(mrzShape(['NOISE', TD3[0] ?? '', (TD3[1] ?? '').slice(0, 43)])).toEqual([TD3[0], `${(TD3[1] ?? '').slice(0, 43)}<`]);
    expect(mrzShape(TD1)).toEqual(TD1);
    expect(mrzShape(['P<GBR'])).toBeNull();
  });
});
