/** The cost estimate (from the compiled templates) and the pruning of the reports bundle. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTemplate } from '../../compiler';
import { settingsFrom } from '../../lib/config';
import { ACCESS_LOG, accessLogLineBytes } from '../../lib/access-log';
import { API_UNIT_BYTES, apiRequestUnits, approveRoute, ASSUMPTIONS, costReport, DIRECT_UPLOAD, estimate, invocations, MULTIPART_UPLOAD, PRICES, requests, routeTo, videoParts } from '../../lib/cost';
import { resourcesOf, synthStudio } from './synth';
import { pinnedDependencies, prune, REPORT_NODE_MODULES } from '../../lib/report-assets';

describe('cost', () => {
  test('document_selfie_photo approve route: document, selfie, 2 reports, decide, approve, emit', () => {
    expect(approveRoute(findTemplate('document_selfie_photo')!)).toEqual({ template: 'document_selfie_photo', transitions: 7, captures: 2, reports: 2, videos: 0, mediaReads: 3 });
  });
  test('transitions are priced at $0.025 per 1,000', () => {
    const [sfn] = estimate({ template: 't', transitions: 8, captures: 0, reports: 0 }, 10_000);
    expect(sfn!.usd).toBeCloseTo(8 * 10_000 * 0.025 / 1000);
    expect(PRICES.transition).toBe(0.000025);
  });
  test('HTTP API requests are billed per started 512 KB', () => {
    expect([0, 1, API_UNIT_BYTES, API_UNIT_BYTES + 1, 2 * 2 ** 20].map(apiRequestUnits)).toEqual([1, 1, 1, 2, 4]);
  });
  test('direct uploads add their API calls and S3 requests; every function\'s invocations are counted and logged', () => {
    const route = { template: 't', transitions: 7, captures: 2, reports: 2 };
    const media = 2 * ASSUMPTIONS.mediaPerCapture;
    const calls = invocations(route);
    expect(calls).toEqual({ api: ASSUMPTIONS.apiCallsFixed + 2 * ASSUMPTIONS.apiCallsPerCapture + media * DIRECT_UPLOAD.apiCalls, tasks: 2, reports: 2, webhooks: 10, evidence: 1, executionEvents: 0 });
    const lines = Object.fromEntries(estimate(route, 1).map((l) => [l.item, l]));
    expect(lines['API Gateway HTTP API (per 512 KB)']!.usd).toBeCloseTo(calls.api * PRICES.apiRequest);
    expect(lines['Lambda requests']!.usd).toBeCloseTo(Object.values(calls).reduce((a, b) => a + b) * PRICES.lambdaRequest);
    // The uploads' POSTs, their copies from the staging key and the evidence function's two files; the staging object's
    // DELETE (counted with the GETs), HEAD + ranged GET per upload, and the evidence function's read of each medium.
    expect(lines['S3 PUT, POST, LIST (uploads, video parts, evidence files)']!.usd).toBeCloseTo((2 * media + 2) * PRICES.s3Put);
    expect(lines['S3 GET + HEAD (upload checks, report reads)']!.usd).toBeCloseTo(media * 4 * PRICES.s3Get);
    expect(lines['CloudWatch Logs (API access log)']!.usd).toBeCloseTo(calls.api * (accessLogLineBytes() + 26) / 2 ** 30 * PRICES.logsGb);
    expect(lines['CloudWatch Logs (functions)']!.usd).toBeGreaterThan(0);
  });
  test('a face video is one multipart upload: its parts from the browser, the start, part lists and completion from the API', () => {
    const definition = { name: 'Video', start: 'doc', tasks: [
      { id: 'doc', type: 'document_capture', next: 'video' }, { id: 'video', type: 'face_capture_video', next: 'face' },
      { id: 'face', type: 'facial_similarity_report', variant: 'video', next: 'ok' }, { id: 'ok', type: 'result', outcome: 'approve' },
    ] };
    const route = routeTo(definition, ['ok'])!;
    expect(route).toMatchObject({ captures: 2, videos: 1, reports: 1, mediaReads: 2 });
    const a = { mediaPerCapture: 1, videoMb: 12 };
    const counted = requests(route, a);
    expect(videoParts(12)).toBe(3);
    expect(counted.browser).toMatchObject({ s3Puts: 1 + 3 });
    expect(counted.api).toMatchObject({ s3Puts: DIRECT_UPLOAD.apiS3Puts + MULTIPART_UPLOAD.apiS3Puts, s3Gets: DIRECT_UPLOAD.s3Gets + MULTIPART_UPLOAD.apiS3Gets });
    expect(invocations(route).api - invocations({ ...route, videos: 0 }).api).toBe(MULTIPART_UPLOAD.apiCalls - DIRECT_UPLOAD.apiCalls * ASSUMPTIONS.mediaPerCapture);
    const storage = Object.fromEntries(estimate(route, 1).map((l) => [l.item, l]))['S3 storage, first month']!;
    expect(storage.usd).toBeCloseTo(((ASSUMPTIONS.mediaPerCapture * ASSUMPTIONS.mediaMb + ASSUMPTIONS.videoMb) / 1024) * PRICES.s3GbMonth);
  });
  test('the access log line measured is the one the stack\'s API stage writes', () => {
    const stages = Object.values(resourcesOf(synthStudio().template, 'AWS::ApiGatewayV2::Stage'));
    expect(stages.map((s) => (s.Properties!.AccessLogSettings as { Format: string }).Format)).toEqual([ACCESS_LOG]);
    expect(accessLogLineBytes()).toBeGreaterThan(ACCESS_LOG.length / 2);
  });
  test('README.md shows the current output of lib/cost.ts', () => {
    const doc = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(doc.slice(doc.indexOf('<!-- cost:begin -->\n') + 20, doc.indexOf('<!-- cost:end -->'))).toBe(costReport());
  });
});

describe('reports bundle assets', () => {
  test('the externals are installed in the project, pinned to exact versions', () => {
    const pins = pinnedDependencies(path.join(__dirname, '../..'));
    expect(Object.keys(pins)).toEqual([...REPORT_NODE_MODULES]);
    for (const v of Object.values(pins)) expect(v).toMatch(/^\d+\.\d+\.\d+/);
  });
  test('pruning keeps the face models and OCR data the reports read, drops the rest', () => {
    const nm = mkdtempSync(path.join(tmpdir(), 'studio-nm-'));
    const files = ['@vladmandic/human/models/blazeface.bin', '@vladmandic/human/models/faceres.json', '@vladmandic/human/models/iris.bin',
      '@vladmandic/human/dist/human.node-wasm.js', '@vladmandic/human/dist/human.esm.js', '@vladmandic/human/src/x.ts',
      '@tesseract.js-data/eng/4.0.0/eng.traineddata.gz', '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
      'tesseract.js-core/tesseract-core-simd-lstm.wasm', 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js', 'sharp/lib/index.js', 'sharp/README.md', 'a/b.js.map'];
    for (const f of files) { mkdirSync(path.dirname(path.join(nm, f)), { recursive: true }); writeFileSync(path.join(nm, f), 'x'); }
    prune(nm);
    expect(files.filter((f) => existsSync(path.join(nm, f)))).toEqual([
      '@vladmandic/human/models/blazeface.bin', '@vladmandic/human/models/faceres.json', '@vladmandic/human/dist/human.node-wasm.js',
      '@tesseract.js-data/eng/4.0.0/eng.traineddata.gz', 'tesseract.js-core/tesseract-core-simd-lstm.wasm', 'sharp/lib/index.js']);
  });
});

describe('settings', () => {
  test('defaults that deploy, context strings parsed', () => {
    const s = settingsFrom((k) => ({ allowedOrigins: 'https://a.example, https://b.example', logRetentionDays: '30' } as Record<string, unknown>)[k]);
    expect(s).toMatchObject({ stage: 'prod', allowedOrigins: ['https://a.example', 'https://b.example'], logRetentionDays: 30, workflows: [] });
  });
  test('every invalid setting is reported at once', () => {
    expect(() => settingsFrom(() => undefined, { stage: 'Prod!', domainName: 'api.example.com', allowedOrigins: ['not a url'] }))
      .toThrow(/stage:[\s\S]*allowedOrigins\.0:[\s\S]*domainName: domainName and certificateArn go together/);
  });
});
