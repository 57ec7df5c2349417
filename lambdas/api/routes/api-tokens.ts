/**
 * API tokens (an Open Studio extension): list (never the secrets), create (the token is in the
 * answer once), revoke. A token manages the tokens of its own environment only; another
 * environment's token id is a 404.
 */
import { z } from 'zod';
import { notFound } from '../../shared/errors';
import { deleteApiToken, listApiTokens, type ApiTokenItem } from '../../store/api-tokens';
import { forgetVerifiedToken, newApiToken } from '../auth';
import { json, noContent, type Request } from '../http';
import type { Router } from '../router';
import { parseJsonBody } from '../validate';

const CreateBody = z.object({ name: z.string().trim().max(100).refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters').optional() });

export const apiTokenBody = (t: ApiTokenItem) => ({
  id: t.id, name: t.name, environment: t.environment, token_hint: t.token_hint, created_at: t.created_at, last_used_at: t.last_used_at ?? null,
  href: `/v3.6/api_tokens/${t.id}`,
});

async function create(req: Request) {
  const body = parseJsonBody(CreateBody, req.body);
  const { token, item } = await newApiToken(req.caller.environment, undefined, body.name ? { name: body.name } : {});
  return json(201, { ...apiTokenBody(item), token });
}

export function addApiTokenRoutes(router: Router): void {
  router.add('GET', '/v3.6/api_tokens', 'api', async (req) => json(200, { api_tokens: (await listApiTokens(req.caller.environment)).map(apiTokenBody) }));
  router.add('POST', '/v3.6/api_tokens', 'api', create);
  router.add('DELETE', '/v3.6/api_tokens/{id}', 'api', async (req) => {
    const id = req.params.id ?? '';
    const hash = await deleteApiToken(req.caller.environment, id);
    if (!hash) throw notFound('ApiToken', id);
    forgetVerifiedToken(hash);
    return noContent();
  });
}
