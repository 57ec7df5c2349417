/**
 * The API's edge on the local stack: CORS only for the configured origins (STUDIO_ALLOWED_ORIGINS),
 * X-Forwarded-For believed only from configured proxies (STUDIO_TRUSTED_PROXIES).
 */
import sharp from 'sharp';
import { resetConfig } from '../../lambdas/shared/config';
import { getMedia } from '../../lambdas/store/media';
import { startTestStack, type TestStack } from '../helpers/stack';

const BUILDER = 'https://builder.example';
let stack: TestStack;
let png: Buffer;
let applicantId: string;
beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: [BUILDER] });
  png = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 9, g: 9, b: 9 } } }).png().toBuffer();
  applicantId = (await stack.apiJson<{ id: string }>('/v3.6/applicants', { method: 'POST', json: { first_name: 'Ana', last_name: 'Ruiz' } })).body.id;
}, 120_000);
afterAll(() => stack.stop());
afterEach(() => { delete process.env.STUDIO_TRUSTED_PROXIES; resetConfig(); });

describe('CORS', () => {
  it('answers a preflight and a request from a configured origin', async () => {
    const pre = await stack.api('/v3.6/applicants', { method: 'OPTIONS', token: null, headers: { origin: BUILDER, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(BUILDER);
    expect(pre.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const res = await stack.api('/v3.6/applicants', { headers: { origin: BUILDER } });
    expect([res.status, res.headers.get('access-control-allow-origin')]).toEqual([200, BUILDER]);
  });

  it('gives any other origin no CORS headers, so browsers refuse to let it read the answer', async () => {
    for (const origin of ['https://evil.example', 'null', `${BUILDER}.evil.example`]) {
      const pre = await stack.api('/v3.6/applicants', { method: 'OPTIONS', token: null, headers: { origin, 'access-control-request-method': 'POST' } });
      expect([origin, pre.headers.get('access-control-allow-origin'), pre.headers.get('access-control-allow-methods')]).toEqual([origin, null, null]);
      const res = await stack.api('/v3.6/applicants', { headers: { origin } });
      expect([origin, res.headers.get('access-control-allow-origin')]).toEqual([origin, null]);
    }
  });
});

describe('X-Forwarded-For', () => {
  const upload = async (forwardedFor: string) => {
    const body = new FormData();
    body.set('applicant_id', applicantId);
    body.set('file', new Blob([png], { type: 'image/png' }), 'selfie.png');
    const res = await stack.apiJson<{ id: string }>('/v3.6/live_photos', { method: 'POST', body, headers: { 'x-forwarded-for': forwardedFor } });
    expect(res.status).toBe(201);
    return (await getMedia(res.body.id, 'live_photos', 'sandbox')).device?.source_ip;
  };

  it('is ignored when the caller is not a trusted proxy: the address is the connection\'s', async () => {
    expect(await upload('81.2.69.142')).toBe('127.0.0.1');
  });

  it('is read from the right, past the trusted proxies, when the caller is one', async () => {
    process.env.STUDIO_TRUSTED_PROXIES = '127.0.0.1,10.0.0.0/8';
    resetConfig();
    expect(await upload('81.2.69.142')).toBe('81.2.69.142');
    // The client wrote the leftmost entry itself; the proxies appended the rest.
    expect(await upload('6.6.6.6, 81.2.69.142, 10.1.2.3')).toBe('81.2.69.142');
    expect(await upload('not-an-address')).toBe('127.0.0.1');
  });
});
