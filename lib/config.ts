/**
 * Settings of one deployment, from CDK context (`cdk deploy -c stage=dev -c allowedOrigins=...`)
 * or from props. Every setting has a default that deploys as is.
 */
import { z } from 'zod';
import { ReportType } from '../compiler';
import { HttpProvider } from '../lambdas/reports/providers/http';
import { WatchlistSources } from '../lambdas/watchlists/sources';
import { FRAME_ANCESTOR } from './web-policies';

const csv = z.union([z.array(z.string()), z.string().transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))]);

/**
 * A workflow deployed as code: its definition file and the environment its workflow belongs to
 * (sandbox or live, as every workflow does; default live). A plain string is a file of live.
 */
export const WorkflowFile = z.union([
  z.string().min(1).transform((file) => ({ file, environment: 'live' as const })),
  z.object({ file: z.string().min(1), environment: z.enum(['sandbox', 'live']).default('live') }),
]);
export type WorkflowFile = z.infer<typeof WorkflowFile>;

export const StudioSettings = z.object({
  /** Names every resource (`studio-<stage>-…`); lower case, short. No `--` and no dash at the
   *  end: `--` ends the prefix of workflow state machines (lib/workflow-runtime.ts). */
  stage: z.string().regex(/^(?!.*--)[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/, 'stage: lower-case letters, digits and single dashes inside, at most 16').default('prod'),
  /** Origins of the capture page and the workflow builder (API and bucket CORS). */
  allowedOrigins: csv.pipe(z.array(z.url())).default(['http://localhost:5173', 'http://127.0.0.1:3000']),
  /** Optional custom domain of the CloudFront distribution (browser apps and API, one origin),
   *  with an ACM certificate in us-east-1 (CloudFront reads certificates only from there). */
  domainName: z.string().min(3).optional(),
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\//, 'certificateArn: an ACM certificate in us-east-1 (CloudFront)').optional(),
  /** Who may embed capture links in a frame: `'self'`, `'none'` or https origins (CSP frame-ancestors). */
  frameAncestors: csv.pipe(z.array(z.string().regex(FRAME_ANCESTOR, "frameAncestors: 'self', 'none' or https origins")).min(1)).default(["'none'"]),
  /** CloudWatch Logs retention of every log group, in days (a CloudWatch retention value). */
  logRetentionDays: z.coerce.number().int().positive().default(90),
  /** Days between DELETE of an applicant and the purge of everything held on it (lambdas/lifecycle/). */
  deletionGraceDays: z.coerce.number().min(0).default(20),
  /** Per environment, runs and the media they used are purged this many days after the run ends: JSON
   *  `{"sandbox":30,"live":365}` (an environment left out keeps its runs). Off by default. */
  retentionDays: z.union([
    z.string().transform((t, ctx) => { try { return JSON.parse(t) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'retentionDays: not JSON' }); return z.NEVER; } }),
    z.record(z.string(), z.unknown()),
  ]).pipe(z.object({ sandbox: z.number().positive().optional(), live: z.number().positive().optional() }).strict()).default({}),
  /** API stage throttling: steady requests per second and burst. */
  throttleRate: z.coerce.number().positive().default(50),
  throttleBurst: z.coerce.number().int().positive().default(100),
  /** Reserved concurrency of the reports function (0: none). See README.md, "Deploy to AWS", before raising. */
  reportsConcurrency: z.coerce.number().int().min(0).default(20),
  /** Concurrent webhook deliveries (SQS event source maximum concurrency, 2..1000). */
  webhookConcurrency: z.coerce.number().int().min(2).max(1000).default(5),
  /** Report types answered by your own service (lambdas/reports/providers): a JSON object from
   *  report type to `{ "type": "http", "url", "secret_arn", ... }`, the HMAC secret named by its
   *  Secrets Manager ARN (the reports function may read exactly those). */
  reportProviders: z.union([
    z.string().transform((t, ctx) => { try { return JSON.parse(t) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'reportProviders: not JSON' }); return z.NEVER; } }),
    z.record(z.string(), z.unknown()),
  ]).pipe(z.partialRecord(ReportType, HttpProvider.omit({ secret: true }).extend({
    secret_arn: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'secret_arn: a Secrets Manager secret ARN'),
  }))).default({}),
  /** Lists the watchlists function downloads daily (lib/watchlists.ts): JSON `[{"url":"https://…/sdn.csv","format":"ofac-sdn-csv","alt_url":"https://…/alt.csv"},{"url":"https://…/consolidated.xml","format":"un-xml"}]`. None: no schedule. */
  watchlistSources: z.union([
    z.string().transform((t, ctx) => { try { return JSON.parse(t) as unknown; } catch { ctx.addIssue({ code: 'custom', message: 'watchlistSources: not JSON' }); return z.NEVER; } }),
    z.array(z.unknown()),
  ]).pipe(WatchlistSources.refine((l) => l.every((s) => [s.url, s.alt_url].every((u) => u === undefined || u.startsWith('https://'))), 'watchlistSources: https URLs only'))
    .default([]),
  /** CPU of every function and of the reports function's native packages (sharp, ffmpeg). */
  architecture: z.enum(['arm64', 'x86_64']).default('arm64'),
  /** Workflows deployed by WorkflowsAsCode: files (comma-separated in context, live) or `{ file, environment }`. */
  workflows: z.union([z.array(WorkflowFile), csv.transform((files) => files.map((file) => ({ file, environment: 'live' as const })))]).default([]),
}).refine((s) => !s.domainName === !s.certificateArn, { message: 'domainName and certificateArn go together', path: ['domainName'] });

export type StudioSettingsInput = z.input<typeof StudioSettings>;
export type StudioSettings = z.infer<typeof StudioSettings>;

const KEYS = Object.keys(StudioSettings.shape ?? {}) as Array<keyof StudioSettingsInput>;

/** Reads every setting from a context getter; props win over context. */
export function settingsFrom(context: (key: string) => unknown, props: StudioSettingsInput = {}): StudioSettings {
  const fromContext = Object.fromEntries(KEYS.map((k) => [k, context(k)]).filter(([, v]) => v !== undefined));
  const parsed = StudioSettings.safeParse({ ...fromContext, ...props });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new Error(`Invalid Open Studio settings (CDK context or props):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** `studio-<stage>`: the prefix of function, bus and state machine names. */
export const prefixOf = (s: StudioSettings) => `studio-${s.stage}`;
