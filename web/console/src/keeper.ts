/**
 * Keeps a Cognito user signed in past the ID token's hour: renews it with the refresh token
 * (cognito.ts `refreshTokens`) shortly before it expires, and at once when the API answers 401
 * (api.ts retries the call once with the new token). A session without a refresh token (an API
 * token, a local user) is left as it is. Clock and timers are injectable.
 */
import { refreshTokens, type Refresh } from './cognito';

/** What the keeper needs of a session (session.ts `Session`). */
export interface Kept { authorization: string; refresh?: Refresh | undefined }

/** Renewed this long before the ID token expires (half-way through a shorter life). */
export const RENEW_BEFORE_MS = 5 * 60_000;

export interface Timers { now(): number; setTimeout(f: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
const realTimers: Timers = { now: () => Date.now(), setTimeout: (f, ms) => globalThis.setTimeout(f, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) };

export class SessionKeeper<S extends Kept> {
  private timer: unknown;
  private pending: Promise<boolean> | undefined;

  constructor(private session: S, private readonly onRenewed: (s: S) => void, private readonly timers: Timers = realTimers) {
    this.schedule();
  }

  /** The `Authorization` to send now. */
  authorization(): string { return this.session.authorization; }

  /** Follows changes made elsewhere (another environment chosen). */
  update(session: S): void { this.session = { ...session, authorization: this.session.authorization, ...(this.session.refresh ? { refresh: this.session.refresh } : {}) }; }

  /** Renews the ID token; false when there is no refresh token or Cognito refuses it (the session has ended). */
  renew(): Promise<boolean> {
    this.pending ??= this.renewOnce().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  stop(): void { if (this.timer !== undefined) this.timers.clearTimeout(this.timer); this.timer = undefined; }

  private async renewOnce(): Promise<boolean> {
    const refresh = this.session.refresh;
    if (!refresh) return false;
    try {
      const step = await refreshTokens(refresh.config, refresh.token);
      this.session = {
        ...this.session, authorization: `Bearer ${step.idToken}`,
        refresh: { ...refresh, token: step.refreshToken ?? refresh.token, expires_at: this.timers.now() + step.expiresIn * 1000 },
      };
    } catch {
      return false;
    }
    this.onRenewed(this.session);
    this.schedule();
    return true;
  }

  private schedule(): void {
    this.stop();
    const refresh = this.session.refresh;
    if (!refresh) return;
    const left = refresh.expires_at - this.timers.now();
    this.timer = this.timers.setTimeout(() => void this.renew(), Math.max(left - RENEW_BEFORE_MS, left / 2, 0));
  }
}
