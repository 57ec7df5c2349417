/**
 * Reads PDF417 barcodes from image bytes with zxing-wasm. The WebAssembly binary is read from
 * the installed package: zxing-wasm would otherwise fetch it from a CDN, which is unreachable
 * here and in customers' Lambdas. `textMode: 'Plain'` keeps the AAMVA control characters.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;

function zxing(): Promise<unknown> {
  if (!ready) {
    // dist/cjs/reader/index.js → dist/reader/zxing_reader.wasm (the package does not export package.json)
    const file = join(dirname(require.resolve('zxing-wasm/reader')), '..', '..', 'reader', 'zxing_reader.wasm');
    const bytes = readFileSync(file);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    ready = Promise.resolve(prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true }));
  }
  return ready;
}

/** The text of every PDF417 barcode in an image (PNG or JPEG bytes). */
export async function readPdf417(image: Uint8Array): Promise<string[]> {
  await zxing();
  const results = await readBarcodes(new Uint8Array(image), { formats: ['PDF417'], textMode: 'Plain', tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
