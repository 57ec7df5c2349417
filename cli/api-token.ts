/**
 * `studio api-token list | create [--name NAME] | revoke ID`: manages API tokens through the API
 * of a running stack (`/v3.6/api_tokens`), locally (`npm start`) or deployed alike: STUDIO_URL
 * (or PORT) names it, STUDIO_API_TOKEN (or `.studio/api-token`) is the token used, and its
 * environment is the one managed. `create` prints the new token on stdout, once.
 */
import { z } from 'zod';
import { client, runningStack } from '../local/stack/client';
import { options, type Out } from './io';

const Token = z.object({
  id: z.string(), name: z.string(), environment: z.string(), token_hint: z.string(), created_at: z.string(), last_used_at: z.string().nullable(),
});
const USAGE = 'usage: studio api-token list | create [--name NAME] | revoke ID   (STUDIO_URL or PORT, STUDIO_API_TOKEN: the stack and the token used)';
const line = (t: z.infer<typeof Token>) => [t.id, t.environment, t.token_hint, t.created_at, t.last_used_at ?? 'never', t.name].join('  ').trimEnd();

export async function apiTokenCommand(args: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { positional, flags } = options(args, ['--name']);
  const [action, id, ...rest] = positional;
  const name = flags.get('--name');
  if (flags.has('--help') || !action || rest.length) { out.error(USAGE); return action || flags.has('--help') ? 0 : 2; }
  const { url, apiToken } = runningStack(env);
  const api = client(url, apiToken);
  if (action === 'list' && !id) {
    const { api_tokens } = z.object({ api_tokens: z.array(Token) }).parse(await api.call('GET', '/v3.6/api_tokens'));
    out.log('id  environment  token  created_at  last_used_at  name');
    for (const t of api_tokens) out.log(line(t));
    return 0;
  }
  if (action === 'create' && !id) {
    const created = Token.extend({ token: z.string() }).parse(await api.call('POST', '/v3.6/api_tokens', typeof name === 'string' ? { name } : {}));
    out.log(created.token);
    out.error(`created ${created.environment} token ${created.id}; it is not shown again`);
    return 0;
  }
  if (action === 'revoke' && id) {
    await api.call('DELETE', `/v3.6/api_tokens/${encodeURIComponent(id)}`);
    out.error(`revoked ${id}`);
    return 0;
  }
  out.error(USAGE);
  return 2;
}
