/** The signed-in session: the API token, kept in sessionStorage (gone when the tab closes). */
const KEY = 'open-studio.console.token';

export type Environment = 'sandbox' | 'live';
export interface Session { token: string; environment: Environment; role: 'admin' }

/** An API token signs in as admin of its environment (the environment is in its prefix). */
export function sessionOf(token: string): Session | undefined {
  const m = /^api_(sandbox|live)\.[A-Za-z0-9_-]{16,}$/.exec(token.trim());
  return m ? { token: token.trim(), environment: m[1] as Environment, role: 'admin' } : undefined;
}

export const loadSession = (): Session | undefined => sessionOf(sessionStorage.getItem(KEY) ?? '');
export const storeSession = (s: Session): void => sessionStorage.setItem(KEY, s.token);
export const clearSession = (): void => sessionStorage.removeItem(KEY);
