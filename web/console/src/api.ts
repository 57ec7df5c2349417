/**
 * The console's calls to the API (`/v3.6/...`, with the session's `Authorization`, an API token or
 * a console user's JWT, and the environment it is in as `Studio-Environment`); one zod schema per response.
 */
import { z } from 'zod';
import { CognitoConfig } from './cognito';

const Problem = z.object({ code: z.string(), task: z.string().nullable(), message: z.string(), path: z.string() });
export const WorkflowView = z.object({
  id: z.string(), name: z.string(), description: z.string(), updated_at: z.string(),
  active_version: z.number().nullable(), versions: z.number(),
});
export type WorkflowView = z.infer<typeof WorkflowView>;
const VersionStatus = z.enum(['active', 'inactive', 'invalid', 'archived']);
export const VersionSummary = z.object({
  version: z.number(), status: VersionStatus, notes: z.string(), created_at: z.string(), problem_count: z.number(),
  /** Who saved it: a console user's email, or "API token"; null when not recorded. */
  created_by: z.string().nullable().default(null),
});
export type VersionSummary = z.infer<typeof VersionSummary>;
export const VersionView = VersionSummary.extend({ definition: z.unknown(), problems: z.array(Problem) });
export type VersionView = z.infer<typeof VersionView>;
const Template = z.object({ name: z.string(), title: z.string(), description: z.string() });
const Run = z.object({ id: z.string(), status: z.string(), workflow_id: z.string(), created_at: z.string() });
export type Run = z.infer<typeof Run>;
const TrialRun = z.object({ id: z.string(), status: z.string(), link: z.object({ url: z.string() }), trial: z.boolean().optional() });
export type TrialRun = z.infer<typeof TrialRun>;
/** What "Try it" sends: the draft, a sample applicant, and the result each report task is to give. */
export interface TrialRequest { definition: unknown; applicant: { first_name: string; last_name: string }; report_results: Record<string, 'clear' | 'consider'> }
const ConsoleSession = z.object({
  email: z.string().nullable(), role: z.enum(['admin', 'analyst']), environment: z.enum(['sandbox', 'live']), environments: z.array(z.enum(['sandbox', 'live'])).min(1),
});
/** Onfido's error body; `latest_version`: a save's 409 names the newest version (lambdas/workflows/save.ts). */
const ErrorBody = z.object({ error: z.object({ type: z.string(), message: z.string(), latest_version: z.number().int().optional() }) });

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly latestVersion?: number) { super(message); this.name = 'ApiError'; }
}

/** A save refused because a newer version was saved since the one it started from. */
export const isSaveConflict = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409;

/**
 * Who calls: an API token, or the `Authorization` (read at each call: keeper.ts renews it) and
 * environment of a session; `renew` gets a new `Authorization` after a 401 (the call is sent once more).
 */
export type Credentials = string | { authorization: string | (() => string); environment?: string; renew?: () => Promise<boolean> };

export function client(who: Credentials) {
  const auth = typeof who === 'string' ? { authorization: `Token token=${who}` } : who;
  const headers = () => ({
    authorization: typeof auth.authorization === 'function' ? auth.authorization() : auth.authorization,
    ...(auth.environment ? { 'studio-environment': auth.environment } : {}),
  });
  /** fetch with the session's headers; a 401 renews the session (when it can) and tries once more. */
  async function send(url: string, init: RequestInit = {}): Promise<Response> {
    const go = () => fetch(url, { ...init, headers: { ...headers(), ...init.headers as Record<string, string> | undefined } });
    const res = await go();
    if (res.status !== 401 || !('renew' in auth) || !auth.renew || !(await auth.renew())) return res;
    return go();
  }
  async function call<S extends z.ZodType>(schema: S, method: string, url: string, body?: unknown): Promise<z.infer<S>> {
    const res = await send(url, {
      method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const err = ErrorBody.safeParse(json);
      throw new ApiError(res.status, err.success ? err.data.error.message : `HTTP ${res.status}`, err.success ? err.data.error.latest_version : undefined);
    }
    return schema.parse(json);
  }
  const wf = (id: string) => `/v3.6/workflows/${encodeURIComponent(id)}`;
  return {
    workflows: async () => (await call(z.object({ workflows: z.array(WorkflowView) }), 'GET', '/v3.6/workflows')).workflows,
    workflow: (id: string) => call(WorkflowView, 'GET', wf(id)),
    templates: async () => (await call(z.object({ workflow_templates: z.array(Template) }), 'GET', '/v3.6/workflow_templates')).workflow_templates,
    updateWorkflow: (id: string, details: { name?: string; description?: string }) => call(WorkflowView, 'PATCH', wf(id), details),
    createWorkflow: (name: string, template?: string) => call(WorkflowView, 'POST', '/v3.6/workflows', { name, ...(template ? { template } : {}) }),
    versions: async (id: string) => (await call(z.object({ versions: z.array(VersionSummary) }), 'GET', `${wf(id)}/versions`)).versions,
    version: (id: string, v: number) => call(VersionView, 'GET', `${wf(id)}/versions/${v}`),
    /** `base`: the version the draft started from (0: none), so that a newer one is a 409 rather than overwritten; absent: save anyway. */
    saveVersion: (id: string, definition: unknown, notes: string, base?: number) =>
      call(VersionView, 'POST', `${wf(id)}/versions`, { definition, notes, ...(base === undefined ? {} : { base_version: base }) }),
    activate: (id: string, v: number) => call(VersionView, 'POST', `${wf(id)}/versions/${v}/activate`),
    archive: (id: string, v: number) => call(VersionView, 'POST', `${wf(id)}/versions/${v}/archive`),
    runs: () => call(z.array(Run), 'GET', '/v3.6/workflow_runs'),
    trialRun: (id: string, body: TrialRequest) => call(TrialRun, 'POST', `${wf(id)}/trial_runs`, body),
    trialStatus: (run: string) => call(TrialRun, 'GET', `/v3.6/workflow_runs/${encodeURIComponent(run)}`),
    route: async (run: string) => (await call(z.object({ route: z.array(z.string()) }), 'GET', `/v3.6/workflow_runs/${encodeURIComponent(run)}/route`)).route,
    session: () => call(ConsoleSession, 'GET', '/v3.6/console/session'),
    /** Any other call of the API with its response schema (the results pages: results/api.ts). */
    call,
    /** Bytes the API answers (a run's media, for <img> and downloads through blob: URLs). */
    blob: async (url: string): Promise<Blob> => {
      const res = await send(url);
      if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`);
      return res.blob();
    },
  };
}
export type Client = ReturnType<typeof client>;

const SignedIn = z.object({ token: z.string() });
const ConsoleConfig = z.union([CognitoConfig, z.object({ sign_in: z.enum(['local', 'api_token']) })]);

/** How console users sign in here (`local`: email and password checked by the API; `cognito`: by the user pool, web/console/src/cognito.ts). */
export async function consoleConfig(): Promise<z.infer<typeof ConsoleConfig>> {
  const res = await fetch('/v3.6/console/config');
  return ConsoleConfig.parse(await res.json());
}

/** A local console user's JWT for an email and password; ApiError when refused. */
export async function signInWithPassword(email: string, password: string): Promise<string> {
  const res = await fetch('/v3.6/console/sign_in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorBody.safeParse(json);
    throw new ApiError(res.status, err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  return SignedIn.parse(json).token;
}
