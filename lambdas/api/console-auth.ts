/**
 * Console users' JWTs (`Authorization: Bearer <JWT>`), kept apart from SDK tokens by issuer: a
 * bearer token with three parts is a JWT, and it is a console user only when its `iss` is this
 * stack's console issuer and it verifies with that issuer's keys (aws-jwt-verify). In AWS the
 * issuer is the Cognito user pool (`CONSOLE_USER_POOL_ID`, ID tokens of `CONSOLE_CLIENT_ID`);
 * locally it is the API itself (`PUBLIC_URL`), signing with an RS256 key from the data folder
 * (`CONSOLE_KEY_FILE`) whose public half is served at `/.well-known/jwks.json`. A JWT of any
 * other issuer, or an SDK token, is never a console user.
 */
import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { config } from '../shared/config';
import { ConsoleClaims, type ConsoleUser } from '../shared/console-users';
import { forbidden, unauthorized } from '../shared/errors';

/** The `aud` of local console JWTs (a Cognito ID token's is its app client id). */
export const LOCAL_AUDIENCE = 'studio-console';
/** How long a local console JWT lasts (Cognito's ID tokens: an hour too, by default). */
export const CONSOLE_TOKEN_SECONDS = 60 * 60;
export const JWKS_PATH = '/.well-known/jwks.json';

// A type, not an interface: aws-jwt-verify's Jwk is an index-signature JSON object.
type Jwk = { kty: string; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
export interface LocalKeys { issuer: string; privateKey: KeyObject; jwk: Jwk; verifier: { verifySync(jwt: string): JwtPayload } }

let local: { file: string; issuer: string; keys: LocalKeys } | undefined;
/** The local key set, or undefined when the stack signs no console JWTs itself (AWS). */
export function localKeys(): LocalKeys | undefined {
  const { CONSOLE_KEY_FILE: file, PUBLIC_URL: issuer } = config();
  if (!file) return undefined;
  if (local?.file === file && local.issuer === issuer) return local.keys;
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  const pub = createPublicKey(privateKey).export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  const kid = createHash('sha256').update(JSON.stringify({ e: pub.e, kty: pub.kty, n: pub.n })).digest('base64url');
  const jwk: Jwk = { kty: pub.kty, n: pub.n, e: pub.e, kid, alg: 'RS256', use: 'sig' };
  const verifier = JwtRsaVerifier.create({ issuer, audience: LOCAL_AUDIENCE, jwksUri: `${issuer}${JWKS_PATH}` });
  // The keys are known: verifySync never fetches them (an unknown kid is refused, not looked up).
  verifier.cacheJwks({ keys: [jwk] });
  const keys: LocalKeys = { issuer, privateKey, jwk, verifier };
  local = { file, issuer, keys };
  return keys;
}

/** A console JWT for `user`, signed with the local key (RS256), valid for `seconds` from `now` (ms). */
export function signConsoleJwt(user: ConsoleUser, now = Date.now(), seconds = CONSOLE_TOKEN_SECONDS, keys = localKeys()): string {
  if (!keys) throw new Error('console JWTs are signed locally only (CONSOLE_KEY_FILE)');
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: keys.jwk.kid };
  const payload = {
    iss: keys.issuer, aud: LOCAL_AUDIENCE, sub: user.email, email: user.email, token_use: 'id', iat, exp: iat + seconds,
    'custom:role': user.role, 'custom:environments': user.environments.join(','),
  };
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${part(header)}.${part(payload)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), keys.privateKey).toString('base64url')}`;
}

/**
 * Reads the pool's keys (`https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`)
 * from the Cognito stand-in instead (`CONSOLE_COGNITO_ENDPOINT`, tests and parity mode only), at
 * the same path under its URL; plain HTTP on loopback, which aws-jwt-verify's HTTPS fetcher refuses.
 */
export class StandInJwksFetcher implements Fetcher {
  constructor(private readonly endpoint: string) {}
  async fetch(uri: string): Promise<ArrayBuffer> {
    const res = await fetch(new URL(new URL(uri).pathname.replace(/^\//, ''), this.endpoint));
    if (res.status !== 200) throw new Error(`The Cognito stand-in answered ${res.status} for the pool's keys`);
    return res.arrayBuffer();
  }
}

let cognito: { pool: string; client: string; endpoint: string; verifier: ReturnType<typeof createCognitoVerifier> } | undefined;
const createCognitoVerifier = (userPoolId: string, clientId: string, endpoint: string) => CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId },
  endpoint ? { jwksCache: new SimpleJwksCache({ fetcher: new StandInJwksFetcher(endpoint) }) } : undefined);
/** The Cognito verifier of the configured pool (tests seed its JWKS with `cacheJwks`), or undefined when there is none. */
export function cognitoVerifier() {
  const { CONSOLE_USER_POOL_ID: pool, CONSOLE_CLIENT_ID: client, CONSOLE_COGNITO_ENDPOINT: endpoint } = config();
  if (!pool || !client) return undefined;
  if (cognito?.pool !== pool || cognito.client !== client || cognito.endpoint !== endpoint) cognito = { pool, client, endpoint, verifier: createCognitoVerifier(pool, client, endpoint) };
  return cognito;
}
const cognitoIssuer = (pool: string) => `https://cognito-idp.${pool.split('_')[0]}.amazonaws.com/${pool}`;

/** True for a bearer token shaped like a JWT (three parts); SDK tokens have two. */
export const isJwt = (token: string) => token.split('.').length === 3;

function claimedIssuer(token: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && typeof (payload as { iss?: unknown }).iss === 'string' ? (payload as { iss: string }).iss : undefined;
  } catch { return undefined; }
}

/** The console user of a JWT of this stack's console issuer; 401 for any other token, forged, expired or of another issuer. */
export async function verifyConsoleJwt(token: string): Promise<ConsoleUser> {
  const iss = claimedIssuer(token);
  const keys = localKeys();
  const pool = cognitoVerifier();
  let payload: JwtPayload;
  try {
    if (keys && iss === keys.issuer) payload = keys.verifier.verifySync(token);
    else if (pool && iss === cognitoIssuer(pool.pool)) payload = await pool.verifier.verify(token);
    else throw unauthorized('This token is not a console sign-in of this stack');
  } catch (e) {
    if (e instanceof Error && e.name === 'ApiError') throw e;
    throw unauthorized(e instanceof Error && e.name === 'JwtExpiredError' ? 'The console sign-in has expired; sign in again' : 'Please provide a valid token');
  }
  const claims = ConsoleClaims.safeParse(payload);
  if (!claims.success) throw forbidden('This console user has no role or environments (custom:role, custom:environments)');
  return { email: claims.data.email.toLowerCase(), role: claims.data['custom:role'], environments: claims.data['custom:environments'] };
}

/** The public keys of the local issuer (`GET /.well-known/jwks.json`), or undefined in AWS. */
export const localJwks = (): { keys: Jwk[] } | undefined => {
  const keys = localKeys();
  return keys ? { keys: [keys.jwk] } : undefined;
};
