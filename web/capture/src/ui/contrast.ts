/**
 * The integrator's colour (`settings.branding.primary_colour`), made accessible whatever it is
 * (WCAG 2.1 AA): text on it is black or white, whichever contrasts more (one of them always
 * reaches 4.5:1), and where the colour itself must be seen on the white page (spinners, progress
 * bars: 3:1, non-text contrast) a darker shade of it is used when it is too light.
 * Shared with the console's Branding panel, which shows what the page will use.
 */
type Rgb = [number, number, number];

const parse = (hex: string): Rgb | undefined => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : undefined;
};
const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const channel = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);

/** WCAG's contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return 1;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const WHITE = '#ffffff';
export const INK = '#000000';

export interface BrandColours { primary: string; onPrimary: string; onPrimaryContrast: number; ui: string; uiContrast: number }

/** The colours the page uses for `primary` (#RRGGBB); undefined for anything else. */
export function brandColours(primary: string): BrandColours | undefined {
  const rgb = parse(primary);
  if (!rgb) return undefined;
  const onPrimary = contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK;
  let ui = rgb;
  for (let i = 0; i < 40 && contrast(hex(ui), WHITE) < 3; i++) ui = ui.map((v) => v * 0.92) as Rgb;
  return { primary, onPrimary, onPrimaryContrast: contrast(primary, onPrimary), ui: hex(ui), uiContrast: contrast(hex(ui), WHITE) };
}
