/**
 * The cost model's count of a video's direct upload in parts (lib/cost.ts MULTIPART_UPLOAD, and
 * the medium's DynamoDB work) against a real one through the local stack: a run of the
 * document + Motion template, then a Motion capture of ASSUMPTIONS.videoMb uploaded as the
 * capture page does (web/capture/src/upload.ts: `POST /uploads`, a presigned PUT per part,
 * `POST /uploads/{id}/confirm`) with the run's SDK token. The API's DynamoDB and S3 requests are
 * counted by the SDK middleware of lambdas/shared/aws-calls.ts, the browser's PUTs and the API
 * calls here; `requests()` for one video more (and MULTIPART_UPLOAD.apiCalls) must agree within COUNT_TOLERANCE.
 */
import { ASSUMPTIONS, COUNT_TOLERANCE, MULTIPART_UPLOAD, requests, type Route } from '../../lib/cost';
import { awsCallTallies, resetAwsCalls } from '../../lambdas/shared/aws-calls';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); }, 120_000);
afterAll(() => stack?.stop());

interface Upload { id: string; method: string; parts?: Array<{ part_number: number; size: number; url?: string }>; part_size?: number }
const call = <T>(method: string, path: string, json?: unknown, sdkToken?: string) =>
  stack.apiJson<T>(path, { method, ...(json !== undefined ? { json } : {}), ...(sdkToken ? { sdkToken } : {}) });

/** A WebM of `bytes` bytes as the confirm sniffs it (an EBML header naming the webm doc type), the rest filler. */
function webm(bytes: number): Buffer {
  const head = Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701', 'hex');
  return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x5a)]);
}

it('a video\'s upload in parts makes the API calls, S3 and DynamoDB requests the cost model counts for one video', async () => {
  const wf = await call<{ id: string }>('POST', '/v3.6/workflows', { name: 'Motion', template: 'document_motion_fallback' });
  expect((await call('POST', `/v3.6/workflows/${wf.body.id}/versions/1/activate`)).status).toBe(200);
  const applicant = await call<{ id: string }>('POST', '/v3.6/applicants', { first_name: 'Jane', last_name: 'Doe' });
  const run = await call<{ sdk_token: string }>('POST', '/v3.6/workflow_runs', { workflow_id: wf.body.id, applicant_id: applicant.body.id });
  expect(run.status).toBe(201);
  const video = webm(ASSUMPTIONS.videoMb * 1024 * 1024);
  await stack.engine.idle();
  resetAwsCalls();

  let apiCalls = 0, browserPuts = 0;
  const api = <T>(method: string, path: string, json?: unknown) => { apiCalls++; return call<T>(method, path, json, run.body.sdk_token); };
  const up = await api<Upload>('POST', '/v3.6/uploads', {
    kind: 'motion_captures', applicant_id: applicant.body.id, file_name: 'motion.webm', content_type: 'video/webm', file_size: video.length, fields: {},
  });
  expect([up.status, up.body.method]).toEqual([201, 'multipart']);
  for (const part of up.body.parts!) {
    const start = (part.part_number - 1) * up.body.part_size!;
    browserPuts++;
    expect((await fetch(part.url!, { method: 'PUT', body: new Uint8Array(video.subarray(start, start + part.size)) })).status).toBe(200);
  }
  const confirmed = await api<{ file_size: number }>('POST', `/v3.6/uploads/${up.body.id}/confirm`);
  expect([confirmed.status, confirmed.body.file_size]).toEqual([201, video.length]);

  const tally = awsCallTallies().api ?? { wru: 0, rru: 0, s3Puts: 0, s3Gets: 0, operations: {} };
  const measured = { apiCalls, api: { wru: tally.wru, rru: tally.rru, s3Puts: tally.s3Puts, s3Gets: tally.s3Gets }, browserPuts };
  // The model's share of one video: a route with one video capture, less the same route without its medium.
  const a = { mediaPerCapture: 0, videoMb: ASSUMPTIONS.videoMb };
  const withVideo: Route = { template: 'one video', transitions: 0, captures: 1, reports: 0, videos: 1, mediaReads: 0 };
  const without: Route = { ...withVideo, videos: 0 };
  const [m1, m0] = [requests(withVideo, a), requests(without, a)];
  const model = {
    apiCalls: MULTIPART_UPLOAD.apiCalls, // invocations(): the API once per call
    api: { wru: m1.api!.wru - m0.api!.wru, rru: m1.api!.rru - m0.api!.rru, s3Puts: m1.api!.s3Puts - m0.api!.s3Puts, s3Gets: m1.api!.s3Gets - m0.api!.s3Gets },
    browserPuts: m1.browser!.s3Puts - m0.browser!.s3Puts,
  };
  const off = (m: number, x: number) => Math.abs(m - x) > Math.max(1, COUNT_TOLERANCE * x);
  const wrong = [
    ...(off(model.apiCalls, measured.apiCalls) ? ['apiCalls'] : []), ...(off(model.browserPuts, measured.browserPuts) ? ['browserPuts'] : []),
    ...(['wru', 'rru', 's3Puts', 's3Gets'] as const).filter((k) => off(model.api[k], measured.api[k])).map((k) => `api ${k}`),
  ];
  if (wrong.length) throw new Error(`${wrong.join(', ')}: the model counts ${JSON.stringify(model)}, the upload made ${JSON.stringify(measured)} (${JSON.stringify(tally.operations)})`);
}, 180_000);
