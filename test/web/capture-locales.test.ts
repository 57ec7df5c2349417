/** Every capture page locale has exactly the en_US keys, no empty text, and the same {{placeholders}} per key. */
import { LOCALES } from '../../web/capture/src/locales';

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const reference = leaves(LOCALES.en_US as Tree);

it('offers the API\'s link languages and a pseudo right-to-left locale', () => {
  expect(Object.keys(LOCALES).sort()).toEqual(['ar_XB', 'de_DE', 'en_US', 'es_ES', 'fr_FR', 'it_IT', 'nl_NL', 'pt_PT']);
});

it.each(Object.keys(LOCALES))('%s has every en_US key, and only those, each translated with the same placeholders', (lang) => {
  const strings = leaves(LOCALES[lang as keyof typeof LOCALES] as Tree);
  expect([...strings.keys()].sort()).toEqual([...reference.keys()].sort());
  for (const [key, text] of strings) {
    expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(reference.get(key)!) });
  }
});

it('the check finds a missing key', () => {
  const broken = JSON.parse(JSON.stringify(LOCALES.de_DE)) as { camera: Record<string, string> };
  delete broken.camera.retake;
  expect([...leaves(broken as unknown as Tree).keys()].sort()).not.toEqual([...reference.keys()].sort());
});
