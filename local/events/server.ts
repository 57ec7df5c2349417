/**
 * The HTTP face of the local EventBridge, in AWS JSON 1.1 as @aws-sdk/client-eventbridge
 * speaks it: POST / with `X-Amz-Target: AWSEvents.<Operation>`; errors are 400
 * `{"__type", "message"}`. Operations: PutEvents, PutRule, PutTargets, RemoveTargets,
 * DeleteRule, ListRules, ListTargetsByRule. SigV4 headers are accepted and not checked.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { LocalEventBus } from './bus';
import { PatternError } from './pattern';

const PREFIX = 'AWSEvents.';
const Target = z.object({ Id: z.string().min(1), Arn: z.string().min(1) }).passthrough();
const ops: Record<string, (bus: LocalEventBus, body: unknown) => Promise<unknown> | unknown> = {
  PutEvents: (bus, b) => {
    const { Entries } = z.object({ Entries: z.array(z.unknown()).min(1).max(10) }).parse(b);
    return bus.putEvents(Entries);
  },
  PutRule: (bus, b) => {
    const r = z.object({ Name: z.string().min(1), EventBusName: z.string().optional(), EventPattern: z.string(), State: z.enum(['ENABLED', 'DISABLED']).optional(), Description: z.string().optional() }).parse(b);
    return { RuleArn: bus.putRule(r) };
  },
  PutTargets: (bus, b) => {
    const r = z.object({ Rule: z.string(), EventBusName: z.string().optional(), Targets: z.array(Target).min(1) }).parse(b);
    bus.putTargets(r.Rule, r.Targets, r.EventBusName);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  RemoveTargets: (bus, b) => {
    const r = z.object({ Rule: z.string(), EventBusName: z.string().optional(), Ids: z.array(z.string()).min(1) }).parse(b);
    bus.removeTargets(r.Rule, r.Ids, r.EventBusName);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  DeleteRule: (bus, b) => {
    const r = z.object({ Name: z.string(), EventBusName: z.string().optional() }).parse(b);
    bus.deleteRule(r.Name, r.EventBusName);
    return {};
  },
  ListRules: (bus, b) => {
    const r = z.object({ EventBusName: z.string().optional(), NamePrefix: z.string().optional() }).parse(b);
    return { Rules: bus.listRules(r.EventBusName, r.NamePrefix).map(({ Targets: _t, ...rule }) => rule) };
  },
  ListTargetsByRule: (bus, b) => {
    const r = z.object({ Rule: z.string(), EventBusName: z.string().optional() }).parse(b);
    const rule = bus.listRules(r.EventBusName).find((x) => x.Name === r.Rule);
    if (!rule) throw Object.assign(new Error(`Rule ${r.Rule} does not exist.`), { name: 'ResourceNotFoundException' });
    return { Targets: rule.Targets };
  },
};

export interface EventsServer { url: string; port: number; close(): Promise<void> }

export async function createEventsServer(bus: LocalEventBus, opts: { port?: number; host?: string } = {}): Promise<EventsServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void reply(bus, req, Buffer.concat(chunks).toString('utf8')).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(status >= 400 ? { 'x-amzn-errortype': (JSON.parse(body) as { __type: string }).__type } : {}) });
        res.end(body);
      });
    });
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve); });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, port,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

async function reply(bus: LocalEventBus, req: http.IncomingMessage, text: string): Promise<{ status: number; body: string }> {
  const error = (status: number, type: string, message: string) => ({ status, body: JSON.stringify({ __type: type, message }) });
  const target = req.headers['x-amz-target'];
  const op = typeof target === 'string' && target.startsWith(PREFIX) ? ops[target.slice(PREFIX.length)] : undefined;
  if (req.method !== 'POST' || !op) return error(400, 'UnknownOperationException', `Unsupported operation ${JSON.stringify(target ?? null)}; this local EventBridge supports ${Object.keys(ops).join(', ')}.`);
  let body: unknown;
  try { body = text ? JSON.parse(text) : {}; } catch { return error(400, 'SerializationException', 'The request body is not JSON.'); }
  try {
    return { status: 200, body: JSON.stringify(await op(bus, body)) };
  } catch (e) {
    if (e instanceof z.ZodError) return error(400, 'ValidationException', e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (e instanceof PatternError) return error(400, 'InvalidEventPatternException', e.message);
    if (e instanceof Error && e.name === 'ResourceNotFoundException') return error(400, e.name, e.message);
    console.error('events: internal error', e);
    return { status: 500, body: JSON.stringify({ __type: 'InternalException', message: 'Internal error' }) };
  }
}
