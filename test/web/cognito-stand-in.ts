/**
 * A loopback stand-in for the two Cognito operations the console's sign-in page calls
 * (InitiateAuth with USER_PASSWORD_AUTH or REFRESH_TOKEN_AUTH, RespondToAuthChallenge), in AWS's JSON wire format and
 * with the CORS answers a browser needs. Its ID tokens are RS256 JWTs of the pool's issuer,
 * signed with a key of its own whose JWK the test gives the API's Cognito verifier, or the API reads
 * at `/<pool>/.well-known/jwks.json` (parity mode: CONSOLE_COGNITO_ENDPOINT).
 */
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  email: string; password: string; role: 'admin' | 'analyst'; environments: string;
  /** SOFTWARE_TOKEN_MFA with this code, or NEW_PASSWORD_REQUIRED (an admin-created user's first sign-in). */
  mfaCode?: string; mustSetPassword?: boolean;
  /** MFA_SETUP: no authenticator yet; the code its app will show once set up (VerifySoftwareToken). */
  setUpMfaCode?: string;
  /** The ID token's life (ExpiresIn); an hour unless set. */
  tokenSeconds?: number;
}
/** The authenticator key AssociateSoftwareToken answers (base32, as Cognito's). */
export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export interface WireCall { target: string; body: Record<string, unknown> }

export class CognitoStandIn {
  readonly calls: WireCall[] = [];
  readonly jwk: { kty: string; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
  private readonly key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly sessions = new Map<string, StandInUser>();
  private readonly refreshTokens = new Map<string, StandInUser>();
  private readonly verified = new Set<string>();
  private server?: Server;
  url = '';

  constructor(readonly pool: string, readonly clientId: string, private readonly users: StandInUser[]) {
    const pub = this.key.publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
    this.jwk = { kty: pub.kty, n: pub.n, e: pub.e, kid: createHash('sha256').update(pub.n).digest('base64url'), alg: 'RS256', use: 'sig' };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }
  /** Revokes every refresh token (as GlobalSignOut would): the next refresh is refused. */
  revokeRefreshTokens(): void { this.refreshTokens.clear(); }
  stop(): Promise<void> { return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve())); }

  private idToken(u: StandInUser): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signed = `${part({ alg: 'RS256', kid: this.jwk.kid })}.${part({
      iss: `https://cognito-idp.${this.pool.split('_')[0]}.amazonaws.com/${this.pool}`, aud: this.clientId, token_use: 'id',
      sub: `sub-${u.email}`, email: u.email, 'custom:role': u.role, 'custom:environments': u.environments, auth_time: now, iat: now,
      exp: now + (u.tokenSeconds ?? 3600), jti: randomUUID(),
    })}`;
    return `${signed}.${sign('sha256', Buffer.from(signed), this.key.privateKey).toString('base64url')}`;
  }

  private challenge(u: StandInUser, name: string) {
    const session = `session-${this.sessions.size + 1}`;
    this.sessions.set(session, u);
    return { ChallengeName: name, Session: session, ChallengeParameters: { USER_ID_FOR_SRP: `sub-${u.email}` } };
  }

  private answer(target: string, body: Record<string, unknown>): [number, object] {
    const fault = (type: string, message: string): [number, object] => [400, { __type: type, message }];
    // A refresh renews the ID and access tokens, never the refresh token (no rotation).
    const tokens = (u: StandInUser, refresh = true): [number, object] => {
      const refreshToken = refresh ? `refresh-${this.refreshTokens.size + 1}` : undefined;
      if (refreshToken) this.refreshTokens.set(refreshToken, u);
      const result = { IdToken: this.idToken(u), AccessToken: 'access', ...(refreshToken ? { RefreshToken: refreshToken } : {}), ExpiresIn: u.tokenSeconds ?? 3600, TokenType: 'Bearer' };
      return [200, { AuthenticationResult: result, ChallengeParameters: {} }];
    };
    // The two MFA setup operations name no client: the session says who.
    if (target === 'AWSCognitoIdentityProviderService.AssociateSoftwareToken') {
      const u = this.sessions.get(String(body.Session));
      if (!u?.setUpMfaCode) return fault('NotAuthorizedException', 'Invalid session for the user.');
      return [200, { SecretCode: SECRET, Session: this.challenge(u, 'MFA_SETUP').Session }];
    }
    if (target === 'AWSCognitoIdentityProviderService.VerifySoftwareToken') {
      const u = this.sessions.get(String(body.Session));
      if (!u?.setUpMfaCode) return fault('NotAuthorizedException', 'Invalid session for the user.');
      if (body.UserCode !== u.setUpMfaCode) return fault('CodeMismatchException', 'Invalid code received for user');
      const session = this.challenge(u, 'MFA_SETUP').Session;
      this.verified.add(session);
      return [200, { Status: 'SUCCESS', Session: session }];
    }
    if (body.ClientId !== this.clientId) return fault('ResourceNotFoundException', 'User pool client does not exist.');
    if (target === 'AWSCognitoIdentityProviderService.InitiateAuth' && body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
      const u = this.refreshTokens.get(String((body.AuthParameters as { REFRESH_TOKEN?: string } | undefined)?.REFRESH_TOKEN));
      return u ? tokens(u, false) : fault('NotAuthorizedException', 'Invalid Refresh Token');
    }
    if (target === 'AWSCognitoIdentityProviderService.InitiateAuth') {
      const p = body.AuthParameters as { USERNAME?: string; PASSWORD?: string } | undefined;
      const u = this.users.find((x) => x.email === p?.USERNAME);
      if (body.AuthFlow !== 'USER_PASSWORD_AUTH' || !u || u.password !== p?.PASSWORD) return fault('NotAuthorizedException', 'Incorrect username or password.');
      if (u.mustSetPassword) return [200, this.challenge(u, 'NEW_PASSWORD_REQUIRED')];
      if (u.setUpMfaCode) return [200, { ...this.challenge(u, 'MFA_SETUP'), ChallengeParameters: { USER_ID_FOR_SRP: `sub-${u.email}`, MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } }];
      return u.mfaCode ? [200, this.challenge(u, 'SOFTWARE_TOKEN_MFA')] : tokens(u);
    }
    if (target === 'AWSCognitoIdentityProviderService.RespondToAuthChallenge') {
      const u = this.sessions.get(String(body.Session));
      const r = body.ChallengeResponses as Record<string, string> | undefined;
      if (!u || r?.USERNAME !== `sub-${u.email}`) return fault('NotAuthorizedException', 'Invalid session for the user.');
      if (body.ChallengeName === 'MFA_SETUP') {
        // Only the session VerifySoftwareToken answered completes the setup: the user has an authenticator from now on.
        if (!this.verified.has(String(body.Session))) return fault('NotAuthorizedException', 'Invalid session for the user.');
        u.mfaCode = u.setUpMfaCode; delete u.setUpMfaCode;
        return tokens(u);
      }
      if (body.ChallengeName === 'SOFTWARE_TOKEN_MFA') return r.SOFTWARE_TOKEN_MFA_CODE === u.mfaCode ? tokens(u) : fault('CodeMismatchException', 'Invalid code received for user');
      if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED' && (r.NEW_PASSWORD ?? '').length >= 12) { u.password = r.NEW_PASSWORD!; u.mustSetPassword = false; return tokens(u); }
      return fault('InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    }
    return fault('UnknownOperationException', target);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent' }).end();
      return;
    }
    if (req.method === 'GET' && req.url === `/${this.pool}/.well-known/jwks.json`) { // the pool's keys, for the API (CONSOLE_COGNITO_ENDPOINT)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [this.jwk] }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target']);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    this.calls.push({ target: `${req.method} ${req.headers['content-type']} ${target}`, body });
    const [status, json] = this.answer(target, body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(json));
  }
}
