/**
 * Routes: method + path pattern (`/v3.6/applicants/{id}`) → handler, with who may call it.
 * Each area of the API adds its routes in its own file (routes/*.ts) and one line in routes/index.ts.
 */
import type { Request, Response } from './http';

export type Access = 'api' | 'api_or_sdk' | 'public';
export interface Route { method: string; pattern: string; access: Access; handler: (req: Request) => Promise<Response> }

interface Compiled extends Route { regex: RegExp; names: string[] }

export class Router {
  private readonly routes: Compiled[] = [];

  add(method: string, pattern: string, access: Access, handler: Route['handler']): this {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, n: string) => { names.push(n); return '([^/]+)'; })}/?$`);
    this.routes.push({ method: method.toUpperCase(), pattern, access, handler, regex, names });
    return this;
  }

  /**
   * The route for a request; `allowed` lists the methods of the path when none matches.
   * `malformed` says a parameter is not valid percent-encoding (the app answers 400 once the
   * caller is authenticated; the parameter is then left encoded).
   */
  match(method: string, path: string): { route: Compiled; params: Record<string, string>; malformed: boolean } | { allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) { allowed.push(route.method); continue; }
      const params: Record<string, string> = Object.create(null);
      let malformed = false;
      route.names.forEach((n, i) => {
        const raw = m[i + 1]!;
        try { params[n] = decodeURIComponent(raw); } catch { params[n] = raw; malformed = true; }
      });
      return { route, params, malformed };
    }
    return { allowed };
  }

  list(): ReadonlyArray<Route> { return this.routes; }
}
