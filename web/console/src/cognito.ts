/**
 * Console sign-in in AWS: the page calls Cognito's public JSON API itself (no SigV4 for these
 * operations): `InitiateAuth` with USER_PASSWORD_AUTH, then `RespondToAuthChallenge` for an
 * authenticator code (SOFTWARE_TOKEN_MFA), a text-message code (SMS_MFA) or the new password an
 * admin-created user must set (NEW_PASSWORD_REQUIRED), or the authenticator app a user must set up
 * first (MFA_SETUP: AssociateSoftwareToken, VerifySoftwareToken with the app's code, then
 * RespondToAuthChallenge). The ID token it ends with carries
 * `custom:role` and `custom:environments`; the API verifies it (lambdas/api/console-auth.ts).
 * The refresh token that comes with it renews the ID token (`InitiateAuth` with
 * REFRESH_TOKEN_AUTH) before it expires, an hour after sign-in (keeper.ts).
 */
import { z } from 'zod';

/** `GET /v3.6/console/config` in AWS; `endpoint` only where CONSOLE_COGNITO_ENDPOINT is set (tests). */
export const CognitoConfig = z.object({
  sign_in: z.literal('cognito'), client_id: z.string().min(1), region: z.string().min(1), endpoint: z.string().url().optional(),
});
export type CognitoConfig = z.infer<typeof CognitoConfig>;
/** A signed-in Cognito user's refresh token, when the ID token expires (ms since the epoch), and the pool client (keeper.ts). */
export const Refresh = z.object({ token: z.string().min(1), expires_at: z.number(), config: CognitoConfig });
export type Refresh = z.infer<typeof Refresh>;

export const CHALLENGES = ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'NEW_PASSWORD_REQUIRED', 'MFA_SETUP'] as const;
export type ChallengeName = (typeof CHALLENGES)[number];

const Reply = z.union([
  z.object({ AuthenticationResult: z.object({ IdToken: z.string().min(1), RefreshToken: z.string().min(1).optional(), ExpiresIn: z.number().int().positive().optional() }) }),
  z.object({ ChallengeName: z.string(), Session: z.string(), ChallengeParameters: z.record(z.string(), z.string()).optional() }),
]);
const Fault = z.object({ __type: z.string(), message: z.string().optional(), Message: z.string().optional() });

/** Signed in (the ID token), or one more question to answer with `Session`. */
export type Step =
  | { kind: 'signed_in'; idToken: string; refreshToken?: string; expiresIn: number }
  | { kind: 'challenge'; name: ChallengeName; session: string; username: string };

/** A refusal by Cognito: `code` is the exception name (NotAuthorizedException, CodeMismatchException, ...). */
export class CognitoError extends Error {
  constructor(readonly code: string, message: string) { super(message); this.name = 'CognitoError'; }
}

/** One Cognito answer (status and parsed body) as a step; a fault or a challenge this page cannot answer throws CognitoError. */
export function parseReply(status: number, body: unknown, username: string): Step {
  if (status < 200 || status >= 300) {
    const fault = Fault.safeParse(body);
    if (!fault.success) throw new CognitoError('HTTP', `HTTP ${status}`);
    const code = fault.data.__type.split('#').pop() ?? fault.data.__type;
    throw new CognitoError(code, fault.data.message ?? fault.data.Message ?? code);
  }
  const reply = Reply.safeParse(body);
  if (!reply.success) throw new CognitoError('InvalidResponse', 'Cognito answered something this page does not understand');
  if ('AuthenticationResult' in reply.data) {
    const { IdToken: idToken, RefreshToken: refreshToken, ExpiresIn: expiresIn = 3600 } = reply.data.AuthenticationResult;
    return { kind: 'signed_in', idToken, expiresIn, ...(refreshToken ? { refreshToken } : {}) };
  }
  const { ChallengeName: name, Session: session, ChallengeParameters: params } = reply.data;
  if (!(CHALLENGES as readonly string[]).includes(name)) throw new CognitoError('UnsupportedChallenge', name);
  // Sign-in by email: Cognito names the user by its own user name in later calls.
  return { kind: 'challenge', name: name as ChallengeName, session, username: params?.USER_ID_FOR_SRP ?? username };
}

const endpointOf = (c: CognitoConfig) => c.endpoint ?? `https://cognito-idp.${c.region}.amazonaws.com/`;

async function post(c: CognitoConfig, operation: string, body: object): Promise<{ status: number; json: unknown }> {
  const res = await fetch(endpointOf(c), {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function call(c: CognitoConfig, operation: string, body: object, username: string): Promise<Step> {
  const { status, json } = await post(c, operation, body);
  return parseReply(status, json, username);
}

/** The answer of an operation other than the sign-in steps: its body, or CognitoError for a fault. */
async function callPlain<S extends z.ZodType>(c: CognitoConfig, operation: string, body: object, schema: S): Promise<z.infer<S>> {
  const { status, json } = await post(c, operation, body);
  if (status < 200 || status >= 300) parseReply(status, json, ''); // throws the fault
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CognitoError('InvalidResponse', 'Cognito answered something this page does not understand');
  return parsed.data;
}

/** InitiateAuth with the email and password. */
export const initiateAuth = (c: CognitoConfig, email: string, password: string) =>
  call(c, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.client_id, AuthParameters: { USERNAME: email, PASSWORD: password } }, email);

const ANSWER: Record<Exclude<ChallengeName, 'MFA_SETUP'>, string> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE', NEW_PASSWORD_REQUIRED: 'NEW_PASSWORD' };
type Challenge = Extract<Step, { kind: 'challenge' }>;

/** RespondToAuthChallenge with the code or the new password (MFA_SETUP: `setUpMfa`). */
export const respond = (c: CognitoConfig, step: Challenge, answer: string) =>
  step.name === 'MFA_SETUP' ? setUpMfa(c, step, answer) : call(c, 'RespondToAuthChallenge', {
    ChallengeName: step.name, ClientId: c.client_id, Session: step.session,
    ChallengeResponses: { USERNAME: step.username, [ANSWER[step.name]]: answer },
  }, step.username);

/** MFA_SETUP, first step: AssociateSoftwareToken gives the authenticator's secret (base32) and the next session. */
export async function associateSoftwareToken(c: CognitoConfig, step: Challenge): Promise<{ secret: string; step: Challenge }> {
  const r = await callPlain(c, 'AssociateSoftwareToken', { Session: step.session }, z.object({ SecretCode: z.string().min(16), Session: z.string().min(1) }));
  return { secret: r.SecretCode, step: { ...step, session: r.Session } };
}

/** MFA_SETUP, then: VerifySoftwareToken with the app's first code, and RespondToAuthChallenge with the session it gives. */
async function setUpMfa(c: CognitoConfig, step: Challenge, code: string): Promise<Step> {
  const verified = await callPlain(c, 'VerifySoftwareToken', { Session: step.session, UserCode: code, FriendlyDeviceName: 'Open Studio console' },
    z.object({ Status: z.enum(['SUCCESS', 'ERROR']), Session: z.string().min(1) }));
  if (verified.Status !== 'SUCCESS') throw new CognitoError('CodeMismatchException', 'Invalid code');
  return call(c, 'RespondToAuthChallenge', {
    ChallengeName: 'MFA_SETUP', ClientId: c.client_id, Session: verified.Session, ChallengeResponses: { USERNAME: step.username },
  }, step.username);
}

/** The `otpauth://` URI an authenticator app reads (from the QR code) for the secret. */
export const otpauthUri = (secret: string, email: string, issuer = 'Open Studio') =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${email}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

/** A new ID token for the refresh token (Cognito answers no new refresh token: the old one stays). */
export async function refreshTokens(c: CognitoConfig, refreshToken: string): Promise<Extract<Step, { kind: 'signed_in' }>> {
  const step = await call(c, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: c.client_id, AuthParameters: { REFRESH_TOKEN: refreshToken } }, '');
  if (step.kind !== 'signed_in') throw new CognitoError('UnsupportedChallenge', step.name);
  return step;
}
