/** Applicants against the local stack: create, find, update, soft delete and restore, bad input. */
import { startTestStack, type TestStack } from '../helpers/stack';

interface Applicant { id: string; href: string; created_at: string; delete_at?: string | null; sandbox: boolean; first_name: string; last_name: string; email?: string; address?: Record<string, unknown> }
interface ErrorBody { error: { type: string; message: string; fields: Record<string, string[]> } }

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(() => stack.stop());

const FULL = {
  first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', dob: '1990-01-31',
  address: { flat_number: '2', building_number: '10', building_name: 'Ivy House', street: 'Main Street', sub_street: 'Old Town', town: 'London', postcode: 'SW4 6EH', country: 'GBR', state: 'Greater London', line1: 'line one', line2: null, line3: null },
  id_numbers: [{ type: 'passport', value: '123456789' }, { type: 'ssn', value: '123-45-6789', state_code: 'CA' }],
  phone_number: '+447700900123', location: { ip_address: '81.2.69.160', country_of_residence: 'GBR' },
  consents: [{ name: 'privacy_notices_read', granted: true }],
};
const create = (json: unknown = { first_name: 'Jane', last_name: 'Doe' }) => stack.apiJson<Applicant>('/v3.6/applicants', { method: 'POST', json });

describe('POST /v3.6/applicants', () => {
  it('creates an applicant with every field and answers Onfido\'s Applicant', async () => {
    const { status, body } = await create(FULL);
    expect(status).toBe(201);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), href: `/v3.6/applicants/${body.id}`, sandbox: true,
      first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', dob: '1990-01-31', address: FULL.address, id_numbers: FULL.id_numbers,
      phone_number: '+447700900123', location: FULL.location, delete_at: null,
    });
    const found = await stack.apiJson<Applicant>(`/v3.6/applicants/${body.id}`);
    expect(found).toMatchObject({ status: 200, body });
  });

  it('answers null for each absent value, as Onfido does', async () => {
    const { body } = await create({ first_name: 'Jo', last_name: 'Roe' });
    const absent = { email: null, dob: null, address: null, phone_number: null, location: null, delete_at: null };
    expect(body).toMatchObject(absent);
    expect((await stack.apiJson<Applicant>(`/v3.6/applicants/${body.id}`)).body).toMatchObject(absent);
  });

  it('takes RKS, Onfido\'s code for Kosovo, where a country is asked', async () => {
    const res = await create({ first_name: 'Ada', last_name: 'Krasniqi', address: { postcode: '10000', country: 'RKS' }, location: { country_of_residence: 'RKS' } });
    expect([res.status, (res.body as { address?: { country: string } }).address?.country]).toEqual([201, 'RKS']);
  });

  it('answers 400 bad_request for a body that is not JSON', async () => {
    const res = await stack.apiJson<ErrorBody>('/v3.6/applicants', { method: 'POST', body: '{"first_name": "Ja', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'bad_request', message: 'The request body is not valid JSON' });
  });

  it('answers 422 validation_error naming every bad field', async () => {
    const res = await stack.apiJson<ErrorBody>('/v3.6/applicants', {
      method: 'POST',
      json: { last_name: 42, email: 'not-an-email', dob: '1990-02-31', address: { country: 'XX' }, id_numbers: [{ type: 'library_card', value: '1' }], location: { ip_address: '999.1.1.1' }, consents: [{ name: 'privacy_notices_read', granted: 'yes' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.type).toBe('validation_error');
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      'address.country', 'address.postcode', 'consents.0.granted', 'dob', 'email', 'first_name', 'id_numbers.0.type', 'last_name', 'location.ip_address',
    ]);
    expect(res.body.error.fields['address.country']).toEqual(['must be an ISO 3166-1 alpha-3 country code (or RKS for Kosovo), such as GBR']);
  });

  it('refuses control characters in names (422), on create and update; other scripts and marks are fine', async () => {
    for (const bad of ['Jane\nDoe', 'Ja\u0000ne', 'Jane\u001b[31m', 'Jane\u007f', 'Jane\u0085']) {
      const res = await create({ first_name: bad, last_name: 'Doe' });
      expect([bad, res.status, Object.keys((res.body as unknown as ErrorBody).error.fields)]).toEqual([bad, 422, ['first_name']]);
    }
    const ok = await create({ first_name: 'Zoë-Anne', last_name: "O'Brien 李" });
    expect(ok.status).toBe(201);
    const update = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${ok.body.id}`, { method: 'PUT', json: { last_name: 'Doe\r\nX-Injected: 1' } });
    expect([update.status, Object.keys(update.body.error.fields)]).toEqual([422, ['last_name']]);
  });

  it('needs an API token', async () => {
    expect((await stack.apiJson<ErrorBody>('/v3.6/applicants', { method: 'POST', json: {}, token: null })).status).toBe(401);
    expect((await stack.apiJson<ErrorBody>('/v3.6/applicants', { method: 'POST', json: {}, token: 'api_sandbox.wrong-wrong-wrong-wrong' })).status).toBe(401);
  });
});

describe('GET / PUT /v3.6/applicants/{id}', () => {
  it('answers 404 resource_not_found for an unknown id, on every verb', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, json] of [['GET', undefined], ['PUT', { first_name: 'X' }], ['DELETE', undefined], ['POST', undefined]] as const) {
      const path = method === 'POST' ? `/v3.6/applicants/${id}/restore` : `/v3.6/applicants/${id}`;
      const res = await stack.apiJson<ErrorBody>(path, { method, ...(json ? { json } : {}) });
      expect(res.status).toBe(404);
      expect(res.body.error).toEqual({ type: 'resource_not_found', message: `Could not find the following resource: Applicant with id=${id}`, fields: {} });
    }
  });

  it('updates only the fields given, validated like a create', async () => {
    const { body: a } = await create(FULL);
    const res = await stack.apiJson<Applicant>(`/v3.6/applicants/${a.id}`, { method: 'PUT', json: { email: 'new@example.com', address: { postcode: 'E1 6AN', country: 'GBR' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.id, first_name: 'Jane', email: 'new@example.com', address: { postcode: 'E1 6AN', country: 'GBR' }, created_at: a.created_at });
    const bad = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${a.id}`, { method: 'PUT', json: { first_name: '', dob: 19900131 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['dob', 'first_name']);
    expect((await stack.apiJson(`/v3.6/applicants/${a.id}`, { method: 'PUT', body: 'nope' })).status).toBe(400);
  });
});

describe('DELETE and restore', () => {
  it('schedules the deletion, hides the applicant from the default list, and restores it', async () => {
    const { body: a } = await create();
    const del = await stack.api(`/v3.6/applicants/${a.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const found = await stack.apiJson<Applicant>(`/v3.6/applicants/${a.id}`);
    expect(found.status).toBe(200);
    expect(Date.parse(found.body.delete_at!)).toBeGreaterThan(Date.now());
    expect((await stack.api(`/v3.6/applicants/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.apiJson<Applicant>(`/v3.6/applicants/${a.id}`)).body.delete_at).toBe(found.body.delete_at);

    const ids = async (query: string) => (await stack.apiJson<{ applicants: Applicant[] }>(`/v3.6/applicants?per_page=500${query}`)).body.applicants.map((x) => x.id);
    expect(await ids('')).not.toContain(a.id);
    expect(await ids('&include_deleted=true')).toContain(a.id);
    const update = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${a.id}`, { method: 'PUT', json: { first_name: 'Late' } });
    expect(update.status).toBe(422);

    expect((await stack.api(`/v3.6/applicants/${a.id}/restore`, { method: 'POST' })).status).toBe(204);
    expect((await stack.apiJson<Applicant>(`/v3.6/applicants/${a.id}`)).body.delete_at).toBeNull();
    expect(await ids('')).toContain(a.id);
    const again = await stack.apiJson<ErrorBody>(`/v3.6/applicants/${a.id}/restore`, { method: 'POST' });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toBe(`Applicant ${a.id} is not scheduled for deletion`);
  });
});
