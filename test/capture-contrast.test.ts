/**
 * The capture page's use of the integrator's colour (web/capture/src/ui/contrast.ts): whatever the
 * colour, text on it reaches WCAG AA's 4.5:1 and the shade drawn on the white page 3:1; checked on
 * 2,000 colours from a seeded generator, and on known values.
 */
import { seededRandom } from '../local/sfn/engine/asl/randomness';
import { brandColours, contrast, INK, WHITE } from '../web/capture/src/ui/contrast';

describe('brand colours', () => {
  it('knows WCAG\'s ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('gives every colour legible text (4.5:1) and a shade that stands out on white (3:1)', () => {
    const next = seededRandom(20261203); // the same colours on every run
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const colour = `#${Math.floor(next() * 0x1000000).toString(16).padStart(6, '0')}`;
      const c = brandColours(colour)!;
      if (c.onPrimaryContrast < 4.5 || contrast(colour, c.onPrimary) !== c.onPrimaryContrast) failures.push(`${colour} text ${c.onPrimaryContrast}`);
      if (c.uiContrast < 3) failures.push(`${colour} shade ${c.ui} ${c.uiContrast}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps the colour where it already works, and refuses what is not #RRGGBB', () => {
    expect(brandColours('#2250c8')).toMatchObject({ onPrimary: WHITE, ui: '#2250c8' });
    expect(brandColours('#ffeb3b')).toMatchObject({ onPrimary: INK });
    expect(brandColours('#ffeb3b')!.ui).not.toBe('#ffeb3b');
    expect(brandColours('yellow')).toBeUndefined();
  });
});
