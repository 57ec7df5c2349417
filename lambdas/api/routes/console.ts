/**
 * The console's sign-in. `GET /v3.6/console/config` says how users sign in (locally: email and
 * password here; in AWS: the Cognito user pool); `POST /v3.6/console/sign_in` checks a local
 * user's password (console-users.json) and answers a console JWT signed with the local key
 * (attempts limited per email and per client address: SIGN_IN_LIMITS);
 * `GET /.well-known/jwks.json` serves that key's public half; `GET /v3.6/console/session`
 * says who the caller is (an API token: `admin` of its environment).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { config } from '../../shared/config';
import { checkPassword, hashPassword, readUsers, type ConsoleUser } from '../../shared/console-users';
import { ApiError, unauthorized } from '../../shared/errors';
import { isoSeconds, systemRuntime, type Runtime } from '../../shared/ids';
import { takeSlot, type RateLimit } from '../../store/rate-limits';
import { addressLimitKey } from '../address-key';
import { CONSOLE_TOKEN_SECONDS, JWKS_PATH, localJwks, signConsoleJwt } from '../console-auth';
import { json, type Request } from '../http';
import { roleOf } from '../roles';
import type { Router } from '../router';
import { parseBody } from './workflow-input';

const SignInBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict();
/** Compared against when the email is unknown, so that a wrong email costs the time of a wrong password. */
let decoy: Promise<string> | undefined;
/**
 * Sign-in attempts, right or wrong, per client address (an IPv6 one by its /64: address-key.ts)
 * and per email (hashed), counted in the table before the password is checked: a refusal says
 * nothing about the password, and guessing one account's password from many addresses meets the
 * per-email limit.
 */
export const SIGN_IN_LIMITS: readonly RateLimit[] = [
  { name: 'console_sign_in_address', limit: 30, windowSeconds: 300 },
  { name: 'console_sign_in_email', limit: 10, windowSeconds: 300 },
];

async function countAttempt(req: Request, email: string, now: Date): Promise<void> {
  const keys = [addressLimitKey(req.sourceIp), createHash('sha256').update(email).digest('hex')];
  for (const [i, rule] of SIGN_IN_LIMITS.entries()) {
    const slot = await takeSlot(rule, keys[i]!, now);
    if (!slot.allowed) {
      throw new ApiError(429, 'rate_limit', `Too many sign-in attempts; try again in ${slot.retryAfterSeconds} s`, {}, { 'retry-after': String(slot.retryAfterSeconds) });
    }
  }
}

const notLocal = () => new ApiError(404, 'resource_not_found', 'Console users sign in with the Cognito user pool here (GET /v3.6/console/config)');

export function addConsoleRoutes(router: Router, rt: Runtime = systemRuntime): Router {
  return router
    .add('GET', '/v3.6/console/config', 'public', async () => {
      const c = config();
      if (c.CONSOLE_KEY_FILE) return json(200, { sign_in: 'local' });
      if (c.CONSOLE_USER_POOL_ID) {
        const endpoint = c.CONSOLE_COGNITO_ENDPOINT ? { endpoint: c.CONSOLE_COGNITO_ENDPOINT } : {};
        return json(200, { sign_in: 'cognito', user_pool_id: c.CONSOLE_USER_POOL_ID, client_id: c.CONSOLE_CLIENT_ID, region: c.CONSOLE_USER_POOL_ID.split('_')[0], ...endpoint });
      }
      return json(200, { sign_in: 'api_token' });
    })
    .add('GET', JWKS_PATH, 'public', async () => {
      const jwks = localJwks();
      if (!jwks) throw notLocal();
      return json(200, jwks, { 'cache-control': 'public, max-age=300' });
    })
    .add('POST', '/v3.6/console/sign_in', 'public', async (req) => {
      const { CONSOLE_KEY_FILE, CONSOLE_USERS_FILE } = config();
      if (!CONSOLE_KEY_FILE || !CONSOLE_USERS_FILE) throw notLocal();
      const body = parseBody(req, SignInBody);
      const email = body.email.trim().toLowerCase();
      await countAttempt(req, email, rt.now());
      const user = readUsers(CONSOLE_USERS_FILE).find((u) => u.email === email);
      const ok = await checkPassword(body.password, user?.password ?? await (decoy ??= hashPassword('not a password')));
      if (!user || !ok) throw unauthorized('The email or password is not right');
      const now = rt.now().getTime();
      const signedIn: ConsoleUser = { email: user.email, role: user.role, environments: user.environments };
      return json(200, { token: signConsoleJwt(signedIn, now), expires_at: isoSeconds(new Date(now + CONSOLE_TOKEN_SECONDS * 1000)), user: signedIn });
    })
    .add('GET', '/v3.6/console/session', 'api', async (req) => {
      const c = req.caller;
      if (c.kind !== 'api') throw unauthorized();
      return json(200, { email: c.user?.email ?? null, role: roleOf(c), environment: c.environment, environments: c.user?.environments ?? [c.environment] });
    });
}
