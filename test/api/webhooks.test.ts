/** Webhook routes: create, list, find, update, delete; bad input; environments kept apart. */
import { createApiToken } from '../../lambdas/api/auth';
import { matches } from '../../lambdas/webhooks/process';
import { getWebhook } from '../../lambdas/store/webhooks';
import { resetConfig } from '../../lambdas/shared/config';
import { startTestStack, type TestStack } from '../helpers/stack';
import { apiClient } from '../webhooks/helpers';

let stack: TestStack;
let liveToken = '';
// The run's shared DynamoDB Local and s3rver (test/global-setup.ts), not a JVM of its own.
beforeAll(async () => { stack = await startTestStack(); liveToken = await createApiToken('live'); }, 120_000);
afterAll(async () => { await stack?.stop(); });

const sandbox = apiClient(() => stack.apiToken);
const live = apiClient(() => liveToken);

describe('webhook routes', () => {
  it('creates, lists, finds, updates and deletes a webhook', async () => {
    const created = await sandbox('POST', '/v3.6/webhooks', { url: 'https://hooks.example.com/onfido', events: ['workflow_run.completed'] });
    expect(created.status).toBe(201);
    const hook = created.body as { id: string; token: string };
    expect(created.body).toEqual({
      id: hook.id, name: null, url: 'https://hooks.example.com/onfido', token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      href: `/v3.6/webhooks/${hook.id}`, enabled: true, events: ['workflow_run.completed'], environments: ['sandbox'], payload_version: 2,
    });
    expect((await sandbox('GET', '/v3.6/webhooks')).body).toEqual({ webhooks: [created.body] });
    expect((await sandbox('GET', `/v3.6/webhooks/${hook.id}`)).body).toEqual(created.body);

    const updated = await sandbox('PUT', `/v3.6/webhooks/${hook.id}`, { enabled: false, url: 'http://localhost:8080/x' });
    expect(updated).toEqual({ status: 200, body: { ...created.body, enabled: false, url: 'http://localhost:8080/x' } });

    expect((await sandbox('DELETE', `/v3.6/webhooks/${hook.id}`)).status).toBe(204);
    expect((await sandbox('GET', `/v3.6/webhooks/${hook.id}`)).status).toBe(404);
    expect((await sandbox('GET', '/v3.6/webhooks')).body).toEqual({ webhooks: [] });
  });

  it('keeps Onfido\'s name, names each event and environment once, and refuses OAuth rather than ignore it', async () => {
    const named = await sandbox('POST', '/v3.6/webhooks', { url: 'https://hooks.example.com/n', name: 'Risk team', events: ['workflow_run.completed', 'workflow_run.completed'], environments: ['sandbox', 'sandbox'] });
    expect(named).toMatchObject({ status: 201, body: { name: 'Risk team', events: ['workflow_run.completed'], environments: ['sandbox'] } });
    const id = (named.body as { id: string }).id;
    expect((await sandbox('PUT', `/v3.6/webhooks/${id}`, { name: 'Renamed' })).body).toMatchObject({ name: 'Renamed', url: 'https://hooks.example.com/n' });
    expect((await sandbox('GET', `/v3.6/webhooks/${id}`)).body).toMatchObject({ name: 'Renamed' });
    const oauth = { url: 'https://hooks.example.com/o', oauth_enabled: true, oauth_server_url: 'https://auth.example/token' };
    expect(await sandbox('POST', '/v3.6/webhooks', oauth)).toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { oauth_enabled: [expect.stringContaining('X-SHA2-Signature')] } } } });
    expect(await sandbox('PUT', `/v3.6/webhooks/${id}`, { oauth_enabled: true })).toMatchObject({ status: 422 });
    // Turning it off is what a webhook already does: accepted, and nothing of it stored.
    expect((await sandbox('PUT', `/v3.6/webhooks/${id}`, { oauth_enabled: false, oauth_server_client_secret: 's3cret' })).body).not.toHaveProperty('oauth_server_client_secret');
    expect(JSON.stringify(await getWebhook(id))).not.toContain('s3cret');
    await sandbox('DELETE', `/v3.6/webhooks/${id}`);
  });

  it('answers oversized lists with 422, never a 5xx: 12,000 events, 501 resend items', async () => {
    const many = Array.from({ length: 12_000 }, () => 'workflow_run.completed');
    expect(await sandbox('POST', '/v3.6/webhooks', { url: 'https://hooks.example.com/m', events: many })).toMatchObject({ status: 422, body: { error: { fields: { events: [expect.stringContaining('at most 50')] } } } });
    const data = Array.from({ length: 501 }, (_, i) => ({ resource_id: `run-${i}`, event: 'workflow_run.completed' }));
    expect(await sandbox('POST', '/v3.6/webhooks/resend', { data })).toMatchObject({ status: 422, body: { error: { fields: { data: [expect.stringContaining('at most 500')] } } } });
  });

  it.each(['http://hooks.example.com/x', 'ftp://127.0.0.1/x', 'not a url', 'http://10.0.0.1/x'])('refuses the URL %s', async (url) => {
    const res = await sandbox('POST', '/v3.6/webhooks', { url });
    expect(res).toEqual({ status: 422, body: { error: { type: 'validation_error', message: expect.any(String), fields: { url: [expect.stringContaining('https')] } } } });
  });

  it.each(['http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]:8080/x'])('accepts the loopback URL %s', async (url) => {
    const res = await sandbox('POST', '/v3.6/webhooks', { url });
    expect(res.status).toBe(201);
    await sandbox('DELETE', `/v3.6/webhooks/${(res.body as { id: string }).id}`);
  });

  it.each([
    'https://10.1.2.3/x', 'https://172.20.0.1/x', 'https://192.168.1.1/x', 'https://100.64.0.1/x', 'https://169.254.169.254/latest/meta-data',
    'https://[fe80::1]/x', 'https://[fd00::1]/x', 'https://[::ffff:10.0.0.1]/x', 'https://0.0.0.0/x', 'https://[::]/x',
  ])('refuses the private, link-local or reserved URL %s, on create and update', async (url) => {
    const res = await sandbox('POST', '/v3.6/webhooks', { url });
    expect(res).toEqual({ status: 422, body: { error: { type: 'validation_error', message: expect.any(String), fields: { url: [expect.stringContaining('must not point to a private, link-local or loopback address')] } } } });
    const ok = await sandbox('POST', '/v3.6/webhooks', { url: 'https://127.0.0.1/ok' });
    const id = (ok.body as { id: string }).id;
    expect((await sandbox('PUT', `/v3.6/webhooks/${id}`, { url })).status).toBe(422);
    expect((await sandbox('GET', `/v3.6/webhooks/${id}`)).body).toMatchObject({ url: 'https://127.0.0.1/ok' });
    await sandbox('DELETE', `/v3.6/webhooks/${id}`);
  });

  it('refuses loopback URLs, by address or by a name that resolves to one, where loopback is not allowed (the deployed stack)', async () => {
    process.env.STUDIO_ALLOW_LOOPBACK_WEBHOOKS = 'false';
    resetConfig();
    try {
      for (const url of ['https://127.0.0.1/x', 'https://127.8.9.10/x', 'https://[::1]/x', 'https://localhost/x', 'http://localhost:8080/x']) {
        const res = await sandbox('POST', '/v3.6/webhooks', { url });
        expect([url, res.status]).toEqual([url, 422]);
      }
    } finally {
      process.env.STUDIO_ALLOW_LOOPBACK_WEBHOOKS = 'true';
      resetConfig();
    }
  });

  it('takes every event type of Onfido\'s webhook_event_type, also those never emitted here, and resends none never recorded', async () => {
    const spec = ['audit_log.created', 'watchlist_monitor.matches_updated', 'workflow_run.completed', 'workflow_task.started', 'workflow_task.completed',
      'check.started', 'check.reopened', 'check.withdrawn', 'check.completed', 'check.form_completed', 'report.withdrawn', 'report.resumed',
      'report.cancelled', 'report.awaiting_approval', 'report.completed', 'workflow_timeline_file.created', 'workflow_run_evidence_folder.created'];
    const created = await sandbox('POST', '/v3.6/webhooks', { url: 'https://hooks.example.com/all', events: spec });
    expect(created).toMatchObject({ status: 201, body: { events: spec } });
    const id = (created.body as { id: string }).id;
    expect(await sandbox('PUT', `/v3.6/webhooks/${id}`, { events: ['check.completed', 'report.completed'] }))
      .toMatchObject({ status: 200, body: { events: ['check.completed', 'report.completed'] } });
    expect((await sandbox('GET', `/v3.6/webhooks/${id}`)).body).toMatchObject({ events: ['check.completed', 'report.completed'] });
    expect(await sandbox('POST', '/v3.6/webhooks/resend', { data: [{ resource_id: 'check-1', event: 'check.completed' }] }))
      .toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { 'data.0': [expect.stringContaining('no check.completed event was recorded')] } } } });
    expect(await sandbox('PUT', `/v3.6/webhooks/${id}`, { events: ['check.nope'] })).toMatchObject({ status: 422, body: { error: { fields: { 'events.0': [expect.any(String)] } } } });
    await sandbox('DELETE', `/v3.6/webhooks/${id}`);
  });

  it('answers malformed JSON with 400, unknown events with 422, unknown ids with 404', async () => {
    expect(await sandbox('POST', '/v3.6/webhooks', undefined, '{"url":')).toMatchObject({ status: 400, body: { error: { type: 'bad_request' } } });
    expect(await sandbox('POST', '/v3.6/webhooks', { url: 'https://a.example', events: ['check.nope'] }))
      .toMatchObject({ status: 422, body: { error: { fields: { 'events.0': [expect.any(String)] } } } });
    expect(await sandbox('POST', '/v3.6/webhooks/resend', { data: [] })).toMatchObject({ status: 422 });
    for (const method of ['GET', 'PUT', 'DELETE']) {
      expect(await sandbox(method, '/v3.6/webhooks/nope', method === 'PUT' ? { enabled: false } : undefined)).toEqual({
        status: 404, body: { error: { type: 'resource_not_found', message: 'Could not find the following resource: Webhook with id=nope', fields: {} } },
      });
    }
  });

  it('keeps sandbox and live webhooks apart', async () => {
    const mine = await sandbox('POST', '/v3.6/webhooks', { url: 'https://sandbox.example/h' });
    const id = (mine.body as { id: string }).id;
    expect((await live('GET', `/v3.6/webhooks/${id}`)).status).toBe(404);
    expect((await live('DELETE', `/v3.6/webhooks/${id}`)).status).toBe(404);
    expect((await live('GET', '/v3.6/webhooks')).body).toEqual({ webhooks: [] });
    const both = await live('POST', '/v3.6/webhooks', { url: 'https://live.example/h', environments: ['live', 'sandbox'] });
    expect(both.body).toMatchObject({ environments: ['live', 'sandbox'] });
    expect(await sandbox('POST', '/v3.6/webhooks', { url: 'https://x.example', environments: ['live'] }))
      .toMatchObject({ status: 422, body: { error: { fields: { environments: [expect.any(String)] } } } });
    // Onfido: "If the environments parameter is omitted the webhook will receive events from both environments."
    expect((await live('POST', '/v3.6/webhooks', { url: 'https://live.example/2' })).body).toMatchObject({ environments: ['sandbox', 'live'] });
    await sandbox('DELETE', `/v3.6/webhooks/${id}`);
  });

  it('never lets a sandbox webhook take live events: not on update, not in the worker', async () => {
    const mine = await sandbox('POST', '/v3.6/webhooks', { url: 'https://sandbox.example/only' });
    const id = (mine.body as { id: string }).id;
    for (const environments of [['live'], ['sandbox', 'live']]) {
      expect(await sandbox('PUT', `/v3.6/webhooks/${id}`, { environments }))
        .toMatchObject({ status: 422, body: { error: { type: 'validation_error', fields: { environments: [expect.any(String)] } } } });
    }
    const stored = await getWebhook(id);
    expect(stored).toMatchObject({ owner: 'sandbox', environments: ['sandbox'] });
    // Even a stored item that says otherwise (written before the rule, or by hand) gets no live event.
    const forged = { ...stored!, environments: ['sandbox' as const, 'live' as const] };
    expect(matches(forged, { action: 'workflow_run.completed', environment: 'live' })).toBe(false);
    expect(matches(forged, { action: 'workflow_run.completed', environment: 'sandbox' })).toBe(true);
    const liveHook = await live('POST', '/v3.6/webhooks', { url: 'https://live.example/both', environments: ['sandbox', 'live'] });
    const both = (await getWebhook((liveHook.body as { id: string }).id))!;
    for (const environment of ['sandbox', 'live'] as const) expect(matches(both, { action: 'workflow_run.completed', environment })).toBe(true);
    await sandbox('DELETE', `/v3.6/webhooks/${id}`);
    await live('DELETE', `/v3.6/webhooks/${both.id}`);
  });
});
