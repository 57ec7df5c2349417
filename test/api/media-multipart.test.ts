/** The multipart parser and file typing, without the stack. */
import { ApiError } from '../../lambdas/shared/errors';
import { boundaryOf, detectFileType, parseMultipart, sameFileType } from '../../lambdas/api/multipart';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of png')]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
const CT = 'multipart/form-data; boundary=XyZ';

function body(parts: Array<{ name: string; value: Buffer | string; filename?: string; type?: string }>, boundary = 'XyZ'): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
const apiError = (f: () => unknown) => { try { f(); } catch (e) { if (e instanceof ApiError) return e; throw e; } throw new Error('no error'); };

describe('parseMultipart', () => {
  it('reads fields and files, bytes intact (CRLF and boundary-like text inside a file included)', () => {
    const tricky = Buffer.concat([PNG, Buffer.from('\r\n--XyZ-not-a-boundary\r\n'), Buffer.from([0, 255, 13, 10])]);
    const form = parseMultipart(body([
      { name: 'applicant_id', value: 'a-1' }, { name: 'type', value: 'passport' },
      { name: 'file', value: tricky, filename: 'C:\\Users\\me\\pass port.png', type: 'image/png' },
    ]), CT);
    expect(form.fields).toEqual({ applicant_id: 'a-1', type: 'passport' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({ field: 'file', fileName: 'pass port.png', declaredType: 'image/png' });
    expect(form.files[0]!.bytes.equals(tricky)).toBe(true);
  });

  it('accepts a quoted boundary, a preamble, UTF-8 names and RFC 5987 filenames', () => {
    const raw = Buffer.concat([Buffer.from('preamble\r\n'), body([{ name: 'note', value: 'café' }], 'a b')]);
    expect(parseMultipart(raw, 'multipart/form-data; boundary="a b"').fields.note).toBe('café');
    const ext = Buffer.from(`--XyZ\r\nContent-Disposition: form-data; name="file"; filename="x"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n\r\n%PDF-1\r\n--XyZ--`);
    expect(parseMultipart(ext, CT).files[0]!.fileName).toBe('résumé.pdf');
  });

  it('answers 415 for another content type and 400 for malformed bodies', () => {
    expect(apiError(() => boundaryOf('application/json')).status).toBe(415);
    expect(apiError(() => boundaryOf(undefined)).status).toBe(415);
    expect(apiError(() => boundaryOf('multipart/form-data')).status).toBe(400);
    expect(apiError(() => parseMultipart(Buffer.from('nothing here'), CT)).status).toBe(400);
    expect(apiError(() => parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), CT)).status).toBe(400);
    expect(apiError(() => parseMultipart(Buffer.from('--XyZ\r\nX-Other: 1\r\n\r\nv\r\n--XyZ--'), CT)).status).toBe(400);
    expect(apiError(() => parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n'), CT)).type).toBe('bad_request');
  });

  it('answers 413 for a file over the limit', () => {
    const err = apiError(() => parseMultipart(body([{ name: 'file', value: Buffer.alloc(101), filename: 'big.png' }]), CT, 100));
    expect(err).toMatchObject({ status: 413, type: 'payload_too_large' });
    expect(err.message).toMatch(/101 bytes; the limit is 100/);
    expect(parseMultipart(body([{ name: 'file', value: Buffer.alloc(100), filename: 'ok.png' }]), CT, 100).files).toHaveLength(1);
  });

  it('keeps user-controlled names off the prototype', () => {
    const form = parseMultipart(body([{ name: '__proto__', value: 'x' }]), CT);
    expect(Object.getPrototypeOf(form.fields)).toBeNull();
    expect(form.fields.__proto__).toBe('x');
  });
});

describe('detectFileType', () => {
  const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), Buffer.alloc(8)]);
  it.each([
    ['jpg', JPG, 'image/jpeg'], ['png', PNG, 'image/png'], ['pdf', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['heic', ftyp('heic'), 'image/heic'], ['mp4', ftyp('isom'), 'video/mp4'], ['mov', ftyp('qt  '), 'video/quicktime'],
    ['webm', Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from('webm')]), 'video/webm'],
  ])('knows %s by its magic bytes', (ext, bytes, mime) => {
    expect(detectFileType(bytes)).toEqual({ ext, mime });
  });
  it('knows nothing else', () => {
    expect(detectFileType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(detectFileType(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88]))).toBeUndefined();
    expect(detectFileType(Buffer.alloc(0))).toBeUndefined();
  });
  it('matches declared names and MIME types', () => {
    const jpg = detectFileType(JPG)!;
    expect(['jpg', 'jpeg', 'JPEG', 'image/jpeg', 'image/jpg'].every((d) => sameFileType(d, jpg))).toBe(true);
    expect(sameFileType('png', jpg)).toBe(false);
  });
});
