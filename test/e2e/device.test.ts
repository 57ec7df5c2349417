/**
 * device_intelligence_report from what the uploads recorded, on the local stack: the caller's
 * address (X-Forwarded-For, believed because the stack trusts the loopback proxy) and user agent,
 * and the `device` field of the capture client, through the report function.
 */
import { createApiToken } from '../../lambdas/api/auth';
import { createReportHandler } from '../../lambdas/reports/handler';
import { getMedia, type MediaKind } from '../../lambdas/store/media';
import { startTestStack, type TestStack } from '../helpers/stack';
import { form, makeMediaFixtures, type MediaFixtures } from '../api/media-fixtures';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36';
const LONDON_IP = '81.2.69.142';

let stack: TestStack;
let live: string;
let fx: MediaFixtures;
beforeAll(async () => { [stack, fx] = await Promise.all([startTestStack({ trustedProxies: ['127.0.0.1'] }), makeMediaFixtures()]); live = await createApiToken('live'); }, 120_000);
afterAll(() => stack.stop());

async function applicantWithSdk(): Promise<{ id: string; sdk: string }> {
  const applicant = await stack.apiJson<{ id: string }>('/v3.6/applicants', {
    method: 'POST', token: live, json: { first_name: 'Jane', last_name: 'Doe', address: { postcode: 'SW4 6EH', country: 'GBR' } },
  });
  const sdk = await stack.apiJson<{ token: string }>('/v3.6/sdk_token', { method: 'POST', token: live, json: { applicant_id: applicant.body.id } });
  return { id: applicant.body.id, sdk: sdk.body.token };
}

async function upload(kind: MediaKind, fields: Record<string, string>, file: { bytes: Buffer; name: string }, auth: { sdkToken: string } | { token: string }, userAgent: string) {
  const res = await stack.apiJson<{ id: string }>(`/v3.6/${kind}`, {
    method: 'POST', body: form(fields, file), headers: { 'user-agent': userAgent, 'x-forwarded-for': LONDON_IP }, ...auth,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

let n = 0;
const deviceReport = (applicantId: string, mediaId: string) => createReportHandler()({
  kind: 'report', report: 'device_intelligence_report', task_id: `device_${++n}`, task_version: 1, config: {},
  run: { workflow_run_id: `run-device-${n}`, applicant_id: applicantId, sandbox: false, applicant: {}, custom: {} },
  tasks: { face_capture_photo: { task_id: 'selfie', output: [{ id: mediaId }] } },
});

it('a phone in the country of residence is clear; a headless browser with webdriver set is consider', async () => {
  const phone = await applicantWithSdk();
  const selfie = await upload('live_photos', { applicant_id: phone.id, device: JSON.stringify({ platform: 'iPhone', max_touch_points: 5 }) },
    { bytes: fx.jpg, name: 's.jpg' }, { sdkToken: phone.sdk }, IPHONE);
  expect(await deviceReport(phone.id, selfie)).toMatchObject({
    result: 'clear', breakdown: { device: { result: 'clear' }, geolocation: { result: 'clear', properties: { ip_country: 'GBR' } } },
    properties: { device: { os: { name: 'iOS' }, user_agent: IPHONE }, ip: { address: LONDON_IP, type: 'public' } },
  });

  const bot = await applicantWithSdk();
  const botSelfie = await upload('live_photos', { applicant_id: bot.id, device: JSON.stringify({ webdriver: true }) }, { bytes: fx.jpg, name: 's.jpg' }, { sdkToken: bot.sdk }, HEADLESS);
  const report = await deviceReport(bot.id, botSelfie);
  const reasons = ['user agent of a crawler or headless browser', 'navigator.webdriver is set (browser automation)'];
  expect(report).toMatchObject({ result: 'consider', breakdown: { device: { result: 'consider', breakdown: { application_authenticity: { result: 'consider', properties: { reasons } } } } } });
});

it('records the caller on every kind of upload; an API-token upload lends neither its address nor its user agent', async () => {
  const { id, sdk } = await applicantWithSdk();
  const files: Record<MediaKind, { bytes: Buffer; name: string }> = {
    documents: { bytes: fx.png, name: 'd.png' }, live_photos: { bytes: fx.jpg, name: 'p.jpg' },
    live_videos: { bytes: fx.webm, name: 'v.webm' }, motion_captures: { bytes: fx.mp4, name: 'm.mp4' },
  };
  for (const kind of Object.keys(files) as MediaKind[]) {
    const fields = { applicant_id: id, ...(kind === 'documents' ? { type: 'passport' } : {}), device: JSON.stringify({ gpu_renderer: 'Apple GPU' }) };
    const mediaId = await upload(kind, fields, files[kind], { sdkToken: sdk }, IPHONE);
    expect((await getMedia(mediaId, kind, 'live')).device).toEqual({ caller: 'sdk', source_ip: LONDON_IP, user_agent: IPHONE, gpu_renderer: 'Apple GPU' });
  }
  const server = await upload('live_photos', { applicant_id: id }, files.live_photos, { token: live }, 'python-requests/2.31');
  expect((await getMedia(server, 'live_photos', 'live')).device).toEqual({ caller: 'api', source_ip: LONDON_IP, user_agent: 'python-requests/2.31' });
  expect((await deviceReport(id, server)).properties).toMatchObject({ ip: null, device: { user_agent: null } });
});

it('refuses a device field that is not the expected JSON', async () => {
  const { id, sdk } = await applicantWithSdk();
  const bad: Array<[string, string]> = [['not json', 'device'], [JSON.stringify({ webdriver: 'yes' }), 'device.webdriver'], [JSON.stringify({ max_touch_points: -1 }), 'device.max_touch_points']];
  for (const [device, field] of bad) {
    const res = await stack.apiJson('/v3.6/live_photos', { method: 'POST', body: form({ applicant_id: id, device }, { bytes: fx.jpg, name: 's.jpg' }), sdkToken: sdk });
    expect([res.status, Object.keys((res.body as { error: { fields: object } }).error.fields)]).toEqual([422, [field]]);
  }
});
