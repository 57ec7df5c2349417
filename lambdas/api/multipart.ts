/**
 * multipart/form-data (RFC 7578) without a dependency: the API Gateway event already holds the
 * whole body, so the parser splits a Buffer rather than streaming. Limits are checked before
 * anything is copied; files are typed by their magic bytes, never by what the client says.
 */
import { badRequest, payloadTooLarge, unsupportedMediaType } from '../shared/errors';
import { MAX_PAYLOAD_BYTES } from './limits';

/** Onfido allows 10 MB; here the whole request must fit Lambda's payload (limits.ts). */
export const MAX_FILE_BYTES = MAX_PAYLOAD_BYTES;
const MAX_PARTS = 50;
const MAX_FIELD_BYTES = 64 * 1024;

/** `declaredType`: the part's Content-Type, kept for the idempotency fingerprint only; the file's type is `detectFileType`'s. */
export interface FilePart { field: string; fileName: string; declaredType?: string; bytes: Buffer }
export interface Form { fields: Record<string, string>; files: FilePart[] }

/** The boundary of a `multipart/form-data` content type; 415 for any other content type. */
export function boundaryOf(contentType: string | undefined): string {
  const [type, ...params] = (contentType ?? '').split(';').map((s) => s.trim());
  if (type?.toLowerCase() !== 'multipart/form-data') {
    throw unsupportedMediaType(`Expected Content-Type multipart/form-data, got ${contentType ? `"${contentType}"` : 'none'}`);
  }
  for (const p of params) {
    const m = /^boundary=(?:"([^"]{1,70})"|([^\s";]{1,70}))$/i.exec(p);
    if (m) return (m[1] ?? m[2])!;
  }
  throw badRequest('The multipart/form-data Content-Type has no valid boundary parameter');
}

export function parseMultipart(body: Buffer, contentType: string | undefined, maxFileBytes = MAX_FILE_BYTES): Form {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const form: Form = { fields: Object.create(null) as Record<string, string>, files: [] };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest('The multipart body does not contain its boundary');
  for (let parts = 0; ; parts++) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return form;
    if (parts >= MAX_PARTS) throw badRequest(`A multipart body may hold at most ${MAX_PARTS} parts`);
    const next = nextDelimiter(body, Buffer.concat([Buffer.from('\r\n'), delimiter]), pos);
    readPart(body.subarray(skipLineEnd(body, pos), next), form, maxFileBytes);
    pos = next + 2;
  }
}

/** CRLF--boundary counts only when followed by CRLF or `--` (with optional padding), as in RFC 2046. */
function nextDelimiter(body: Buffer, delimiter: Buffer, from: number): number {
  for (let at = body.indexOf(delimiter, from); at >= 0; at = body.indexOf(delimiter, at + 1)) {
    let end = at + delimiter.length;
    while (body[end] === 0x20 || body[end] === 0x09) end++;
    const after = body.subarray(end, end + 2).toString('latin1');
    if (after === '\r\n' || after === '--' || end === body.length) return at;
  }
  throw badRequest('The multipart body ends before its closing boundary');
}

function skipLineEnd(body: Buffer, pos: number): number {
  while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
  if (body[pos] === 0x0d && body[pos + 1] === 0x0a) return pos + 2;
  throw badRequest('Malformed multipart body: a boundary line must end with CRLF');
}

function readPart(part: Buffer, form: Form, maxFileBytes: number): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw badRequest('Malformed multipart body: a part has no header block');
  const headers = parseHeaders(part.subarray(0, headerEnd).toString('utf8'));
  const content = part.subarray(headerEnd + 4);
  const disposition = headers['content-disposition'] ?? '';
  const name = param(disposition, 'name');
  if (!/^form-data\b/i.test(disposition) || name === undefined) {
    throw badRequest('Malformed multipart body: every part needs Content-Disposition: form-data; name="..."');
  }
  const fileName = param(disposition, 'filename');
  if (fileName === undefined) {
    if (content.length > MAX_FIELD_BYTES) throw payloadTooLarge(`The form field "${name}" is over ${MAX_FIELD_BYTES} bytes`);
    form.fields[name] = content.toString('utf8');
    return;
  }
  if (content.length > maxFileBytes) {
    throw payloadTooLarge(`The file "${fileName}" is ${content.length} bytes; the limit is ${maxFileBytes} bytes (${(maxFileBytes / 2 ** 20).toFixed(2)} MiB)`);
  }
  const declaredType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  form.files.push({ field: name, fileName: baseName(fileName), ...(declaredType ? { declaredType } : {}), bytes: Buffer.from(content) });
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `name="a"`, `name=a` or RFC 5987 `filename*=UTF-8''a%20b` (which wins over `filename`). */
function param(header: string, key: string): string | undefined {
  const extended = new RegExp(`;\\s*${key}\\*=(?:UTF-8|utf-8)''([^;]*)`).exec(header);
  if (extended) {
    try { return decodeURIComponent(extended[1]!); } catch { throw badRequest(`The ${key}* parameter is not valid percent-encoding`); }
  }
  // Browsers send quoted values raw (a Windows path keeps its backslashes; `"` comes as %22).
  const m = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
  if (!m) return undefined;
  return m[1] ?? m[2];
}

/** Browsers on Windows used to send full paths; keep the last segment only. */
const baseName = (fileName: string) => fileName.split(/[\\/]/).pop() || 'file';

/** What the bytes are, from their signature; `ext` is Onfido's short file_type (documents). */
export interface FileType { ext: 'jpg' | 'png' | 'pdf' | 'heic' | 'webp' | 'mp4' | 'mov' | 'webm'; mime: string }
const FILE_TYPES = {
  jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf', heic: 'image/heic', webp: 'image/webp', mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
} as const satisfies Record<FileType['ext'], string>;
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export function detectFileType(b: Buffer): FileType | undefined {
  const type = (ext: FileType['ext']): FileType => ({ ext, mime: FILE_TYPES[ext] });
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return type('jpg');
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return type('png');
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return type('pdf');
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return type('webp');
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = b.subarray(8, 12).toString('latin1');
    if (HEIF_BRANDS.has(brand)) return type('heic');
    return type(brand === 'qt  ' ? 'mov' : 'mp4');
  }
  // EBML header whose DocType is "webm" (Matroska files that are not WebM are refused).
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3 && b.subarray(0, 64).includes('webm')) return type('webm');
  return undefined;
}

/** Names a client may use for a type (a direct upload's `content_type`). */
export function sameFileType(declared: string, actual: FileType): boolean {
  const d = declared.toLowerCase();
  return d === actual.ext || d === actual.mime || (actual.ext === 'jpg' && (d === 'jpeg' || d === 'image/jpg'))
    || (actual.ext === 'heic' && (d === 'heif' || d === 'image/heif'));
}
