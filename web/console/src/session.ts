/**
 * The signed-in session, kept in sessionStorage (gone when the tab closes): an API token (admin
 * of its environment) or a console user's JWT (`POST /v3.6/console/sign_in`) with the user's
 * role and environments, and the environment the console is in. `useRole()` tells the pages
 * what to offer: an analyst sees workflows read-only (the API refuses their writes anyway).
 */
import { createContext, useContext } from 'react';
import { z } from 'zod';
import { Refresh } from './cognito';

const KEY = 'open-studio.console.session';

export const Environment = z.enum(['sandbox', 'live']);
export type Environment = z.infer<typeof Environment>;
export const Role = z.enum(['admin', 'analyst']);
export type Role = z.infer<typeof Role>;
export const Session = z.object({
  /** `Token token=…` for an API token, `Bearer …` for a console user's JWT. */
  authorization: z.string().min(1),
  email: z.string().nullable(),
  role: Role,
  environments: z.array(Environment).min(1),
  environment: Environment,
  /** A Cognito user's refresh token (keeper.ts renews the ID token with it). */
  refresh: Refresh.optional(),
});
export type Session = z.infer<typeof Session>;

/** The environment of an API token (in its prefix), or undefined when it is not one. */
export function tokenEnvironment(token: string): Environment | undefined {
  const m = /^api_(sandbox|live)\.[A-Za-z0-9_-]{16,}$/.exec(token.trim());
  return m ? (m[1] as Environment) : undefined;
}

export function loadSession(): Session | undefined {
  try {
    const parsed = Session.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch { return undefined; }
}
export const storeSession = (s: Session): void => sessionStorage.setItem(KEY, JSON.stringify(s));
export const clearSession = (): void => sessionStorage.removeItem(KEY);

export const RoleContext = createContext<Role>('admin');
/** The signed-in user's role. */
export const useRole = (): Role => useContext(RoleContext);
/** True when the user may change workflows (admins). */
export const useCanEdit = (): boolean => useRole() === 'admin';
