/**
 * HEIC/HEIF photos (iPhones' default) decoded in the browser with libheif (WebAssembly), loaded
 * from `/capture/heif/` (web/build.js copies it there) only when such a file is chosen: Chromium
 * and Firefox cannot decode HEIC themselves.
 */
interface HeifImage {
  get_width(): number; get_height(): number;
  display(target: ImageData, done: (result: ImageData | null) => void): void;
}
interface LibHeif { HeifDecoder: new () => { decode(bytes: Uint8Array): HeifImage[] } }

/** True when the bytes are an ISO-BMFF file of a HEIF brand (`ftyp` heic, heix, mif1, msf1, heim, heis, hevc). */
export function isHeif(head: Uint8Array): boolean {
  const text = String.fromCharCode(...head.subarray(4, 12));
  return text.startsWith('ftyp') && ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(text.slice(4, 8));
}

/** The first image of a HEIF file, as RGBA pixels. */
export async function decodeHeif(bytes: Uint8Array): Promise<ImageData> {
  const url = '/capture/heif/libheif-bundle.mjs';
  const mod = await (import(/* webpackIgnore: true */ url) as Promise<{ default: () => LibHeif }>);
  const image = new (mod.default().HeifDecoder)().decode(bytes)[0];
  if (!image) throw new Error('no image in the HEIF file');
  const target = new ImageData(image.get_width(), image.get_height());
  return new Promise((resolve, reject) => image.display(target, (r) => (r ? resolve(r) : reject(new Error('HEIF decoding failed')))));
}
