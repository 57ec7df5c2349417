/**
 * Webhooks (Onfido v3.6): register, list, find, update, delete, and resend recorded events.
 * A webhook belongs to the environment of the token that registered it; the signing secret
 * (`token`) is random and returned with the webhook. Without `environments` it receives the
 * events of every environment its token may see (Onfido: both; a sandbox token: sandbox).
 * Onfido's OAuth option (`oauth_enabled: true`) is refused with a 422: deliveries are
 * authenticated by their signature only.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ONFIDO_WEBHOOK_EVENTS, WebhookEventName } from '../../events/contract';
import { config } from '../../shared/config';
import { badRequest, notFound, validationError, zodFields } from '../../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../../shared/ids';
import { deleteWebhook, formatWebhook, getWebhook, listWebhooks, putWebhook, type WebhookItem } from '../../store/webhooks';
import { webhookUrlProblem } from '../../webhooks/destination';
import { resend } from '../../webhooks/resend';
import { json, noContent, type Request } from '../http';
import type { Router } from '../router';

/** The URL's form; where it points is checked by `checkUrl` (webhooks/destination.ts). */
const WebhookUrl = z.string().max(2048).refine((s) => URL.canParse(s), 'must be an https URL');

/** 422 when the URL points somewhere webhooks may not go (private, link-local, loopback in AWS). */
async function checkUrl(url: string | undefined): Promise<void> {
  const problem = url === undefined ? undefined : await webhookUrlProblem(url, { allowLoopback: config().STUDIO_ALLOW_LOOPBACK_WEBHOOKS });
  if (problem) throw validationError('There was a validation error on this request', { url: [problem] });
}

/** Each list names each value once (a longer one repeats some, and could not be stored). */
const distinct = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} values`).transform((a) => [...new Set(a)]);
const NoOAuth = {
  oauth_enabled: z.boolean().refine((on) => !on, 'OAuth is not supported: check each delivery\'s X-SHA2-Signature with the webhook\'s token').optional(),
  oauth_server_url: z.string().max(2048).optional(), oauth_server_client_id: z.string().max(1024).optional(),
  oauth_server_client_secret: z.string().max(1024).optional(), oauth_server_scope: z.string().max(1024).optional(),
};
const Fields = {
  name: z.string().max(256),
  enabled: z.boolean(),
  events: distinct(WebhookEventName, 50),
  environments: distinct(z.enum(['sandbox', 'live']), 2).pipe(z.array(z.enum(['sandbox', 'live'])).min(1)),
  payload_version: z.number().int().min(1).max(2),
};
const Create = z.object({ url: WebhookUrl, ...Fields, ...NoOAuth }).partial({ name: true, enabled: true, events: true, environments: true, payload_version: true });
const Update = z.object({ url: WebhookUrl, ...Fields, ...NoOAuth }).partial();
/** Each item reads its recorded events: a bounded number per request. */
export const MAX_RESEND_ITEMS = 500;
const Resend = z.object({ data: z.array(z.object({ resource_id: z.string().min(1).max(100), event: WebhookEventName })).min(1).max(MAX_RESEND_ITEMS, `at most ${MAX_RESEND_ITEMS} items a request`) });

function parse<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  let raw: unknown;
  try { raw = JSON.parse(req.body.toString('utf8') || 'null'); } catch { throw badRequest('The request body is not valid JSON'); }
  const r = schema.safeParse(raw);
  if (!r.success) throw validationError('There was a validation error on this request', zodFields(r.error.issues));
  return r.data;
}

/** A sandbox token may only subscribe to sandbox events. */
function checkEnvironments(envs: string[] | undefined, owner: WebhookItem['owner']) {
  if (owner === 'sandbox' && envs?.some((e) => e !== 'sandbox')) throw validationError('A sandbox token can only register sandbox webhooks', { environments: ['must be ["sandbox"] with a sandbox token'] });
}

async function owned(req: Request): Promise<WebhookItem> {
  const id = req.params.id!;
  const w = await getWebhook(id);
  if (!w || w.owner !== req.caller.environment) throw notFound('Webhook', id);
  return w;
}

export function addWebhookRoutes(router: Router, rt: Runtime = systemRuntime): Router {
  return router
    .add('POST', '/v3.6/webhooks', 'api', async (req) => {
      const body = parse(Create, req);
      const owner = req.caller.environment;
      checkEnvironments(body.environments, owner);
      await checkUrl(body.url);
      const now = isoSeconds(rt.now());
      const w: WebhookItem = {
        id: rt.newId(), owner, ...(body.name !== undefined ? { name: body.name } : {}), url: body.url, token: randomBytes(24).toString('base64url'), enabled: body.enabled ?? true,
        events: body.events ?? [...ONFIDO_WEBHOOK_EVENTS], environments: body.environments ?? (owner === 'live' ? ['sandbox', 'live'] : ['sandbox']),
        payload_version: body.payload_version ?? 2, created_at: now, updated_at: now,
      };
      await putWebhook(w);
      return json(201, formatWebhook(w));
    })
    .add('GET', '/v3.6/webhooks', 'api', async (req) =>
      json(200, { webhooks: (await listWebhooks()).filter((w) => w.owner === req.caller.environment).map(formatWebhook) }))
    .add('POST', '/v3.6/webhooks/resend', 'api', async (req) => {
      await resend(parse(Resend, req).data, req.caller.environment);
      return noContent();
    })
    .add('GET', '/v3.6/webhooks/{id}', 'api', async (req) => json(200, formatWebhook(await owned(req))))
    .add('PUT', '/v3.6/webhooks/{id}', 'api', async (req) => {
      const current = await owned(req);
      const body = parse(Update, req);
      checkEnvironments(body.environments, current.owner);
      await checkUrl(body.url);
      const { oauth_enabled: _o, oauth_server_url: _u, oauth_server_client_id: _c, oauth_server_client_secret: _s, oauth_server_scope: _k, ...fields } = body;
      const next: WebhookItem = { ...current, ...fields, updated_at: isoSeconds(rt.now()) };
      await putWebhook(next);
      return json(200, formatWebhook(next));
    })
    .add('DELETE', '/v3.6/webhooks/{id}', 'api', async (req) => {
      await owned(req);
      await deleteWebhook(req.params.id!);
      return noContent();
    });
}
