/**
 * Reads QR codes from image bytes (PNG or JPEG) with zxing-wasm, a decoder independent of the
 * `qrcode` package the capture page draws them with. Its WebAssembly binary is read from the
 * installed package (zxing-wasm would otherwise fetch it from a CDN), as
 * lambdas/reports/driving_licence_verification/decode.ts does.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;

function zxing(): Promise<unknown> {
  if (!ready) {
    const bytes = readFileSync(join(dirname(require.resolve('zxing-wasm/reader')), '..', '..', 'reader', 'zxing_reader.wasm'));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    ready = Promise.resolve(prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true }));
  }
  return ready;
}

/** The text of every valid QR code in an image, as its bytes read (no character-set guessing). */
export async function readQr(image: Uint8Array): Promise<string[]> {
  await zxing();
  const results = await readBarcodes(new Uint8Array(image), { formats: ['QRCode'], tryHarder: false });
  return results.filter((r) => r.isValid).map((r) => r.text);
}
