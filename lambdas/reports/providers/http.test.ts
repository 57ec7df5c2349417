import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReportRequest } from '../../../compiler';
import { callHttpProvider, HttpProvider, signBody } from './http';

const request: ReportRequest = {
  kind: 'report', report: 'watchlist_report', task_id: 'watch', task_version: 1, config: {},
  run: { workflow_run_id: 'r1', applicant_id: 'a1', sandbox: false, applicant: { first_name: 'Ann' }, custom: {} }, tasks: {},
};
const read = (req: IncomingMessage) => new Promise<string>((resolve) => { let b = ''; req.on('data', (c) => { b += c; }); req.on('end', () => resolve(b)); });

describe('http report provider', () => {
  let server: Server;
  let url: string;
  let answers: Array<[number, string]>;
  const received: Array<{ body: string; signature: string }> = [];
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      received.push({ body: await read(req), signature: String(req.headers['x-studio-signature']) });
      const [status, body] = answers.shift() ?? [500, 'no more answers'];
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => { received.length = 0; });
  const provider = () => HttpProvider.parse({ type: 'http', url, secret: 'a-very-secret-signing-key', backoff_ms: 0 });

  it('posts the signed request and returns the report', async () => {
    answers = [[200, JSON.stringify({ result: 'consider', breakdown: { sanction: { result: 'consider' } }, properties: {} })]];
    const report = await callHttpProvider(provider(), request);
    expect(report.result).toBe('consider');
    expect(JSON.parse(received[0]!.body)).toEqual(request);
    expect(received[0]!.signature).toBe(signBody('a-very-secret-signing-key', received[0]!.body));
  });

  it('retries 5xx and 429, then succeeds', async () => {
    answers = [[503, ''], [429, ''], [200, JSON.stringify({ result: 'clear', breakdown: {}, properties: {} })]];
    const waits: number[] = [];
    const report = await callHttpProvider({ ...provider(), backoff_ms: 100 }, request, async (ms) => { waits.push(ms); });
    expect(report.result).toBe('clear');
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after its retries with a transient error', async () => {
    answers = [[500, ''], [500, ''], [500, '']];
    await expect(callHttpProvider(provider(), request)).rejects.toMatchObject({ name: 'ReportProviderUnavailable' });
    expect(received).toHaveLength(3);
  });

  it('does not retry a 4xx or an answer that is not a report', async () => {
    answers = [[400, '{"message":"bad"}']];
    await expect(callHttpProvider(provider(), request)).rejects.toMatchObject({ name: 'ReportProviderError', message: expect.stringContaining('400') });
    answers = [[200, '{"result":"maybe"}']];
    await expect(callHttpProvider(provider(), request)).rejects.toMatchObject({ name: 'ReportProviderError', message: expect.stringContaining('not a report') });
    expect(received).toHaveLength(2);
  });

  it('times out a silent service', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const p = HttpProvider.parse({ type: 'http', url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, secret: 'a-very-secret-signing-key', timeout_ms: 200, retries: 0 });
    await expect(callHttpProvider(p, request)).rejects.toMatchObject({ message: expect.stringContaining('no answer within 200 ms') });
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });
});
