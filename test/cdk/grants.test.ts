/**
 * Each function's entry point bundles with esbuild as the stack bundles it (node22, CJS, the
 * stack's externals), and its grants follow from what its code calls: derived here from that
 * bundle's own import graph (esbuild metafile, after tree shaking) and compared with the
 * synthesized environment and role policies. Also: the face engine's paths in the reports
 * function point into its bundle. (One bundle per entry point: entries.test.ts checks the
 * entry modules' exports without bundling them again.)
 */
import path from 'node:path';
import { build } from 'esbuild';
import { CALLS, CALL_KINDS, ENTRY_POINTS, ROOT, type CallKind, type FunctionKey } from '../../lib/functions';
import { FACE_ASSET_ENV, REPORT_NODE_MODULES } from '../../lib/report-assets';
import { FRAME_KINDS, frameRoute } from '../../lambdas/api/frame-routes';
import { resourcesOf, synthStudio } from './synth';

/** The module whose presence in a bundle means the function calls that kind of resource. */
const EVIDENCE: Record<CallKind, string[]> = {
  table: ['lambdas/store/table.ts'],
  media: ['lambdas/store/s3.ts'],
  bus: ['lambdas/events/publish.ts'],
  workflows: ['lambdas/workflows/publish.ts', 'lambdas/runs/create.ts', 'lambdas/tasks/complete.ts'],
  sdkTokenSecret: ['lambdas/shared/tokens.ts'],
  edgeSecret: ['lambdas/api/client-ip.ts'],
  evidenceSecret: ['lambdas/evidence/signing-key.ts'],
  purge: ['lambdas/lifecycle/runs.ts', 'lambdas/lifecycle/media.ts'],
  watchlists: ['lambdas/reports/watchlist_report/publish.ts'],
  taskTokens: ['lambdas/results/report-review.ts', 'lambdas/tasks/hand-over.ts', 'lambdas/runs/trial-captures.ts'],
  timelineFiles: ['lambdas/webhooks/timeline-url.ts'],
  resume: ['lambdas/runs/resume.ts'],
};

const KEYS = Object.keys(ENTRY_POINTS) as FunctionKey[];
const inputs: Partial<Record<FunctionKey, string[]>> = {};
/** Every module esbuild read for the bundle, tree-shaken or not (the import graph). */
const graph: Partial<Record<FunctionKey, string[]>> = {};
/** What the build of each bundle failed with (esbuild's messages), if it failed. */
const failures: Partial<Record<FunctionKey, unknown>> = {};
beforeAll(async () => {
  for (const key of KEYS) {
    const out = await build({
      entryPoints: [path.join(ROOT, ENTRY_POINTS[key])], bundle: true, platform: 'node', target: 'node22', format: 'cjs',
      write: false, outdir: '/unused', metafile: true, logLevel: 'silent', absWorkingDir: ROOT,
      external: key === 'reports' ? [...REPORT_NODE_MODULES] : [],
    }).catch((e: { errors?: unknown }) => { failures[key] = e.errors ?? e; });
    if (!out) continue;
    if (out.errors.length) failures[key] = out.errors;
    graph[key] = Object.keys(out.metafile.inputs);
    // Modules that survive tree shaking: what the deployed code really contains.
    const [output] = Object.values(out.metafile.outputs);
    inputs[key] = Object.entries(output!.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file);
  }
}, 180_000);

const { stack, template } = synthStudio();
const logicalId = (key: FunctionKey, c: 'fn' | 'role') => stack.getLogicalId(stack.functions[key][c].node.defaultChild as never);
const variables = (key: FunctionKey) =>
  (resourcesOf(template, 'AWS::Lambda::Function')[logicalId(key, 'fn')]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
type Statement = { Action: string | string[]; Resource: unknown };
const statements = (key: FunctionKey): Statement[] => Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
  .filter((p) => JSON.stringify(p.Properties!.Roles).includes(logicalId(key, 'role')))
  .flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
const allows = (key: FunctionKey, action: string, resource: (r: string) => boolean) => statements(key).some((s) =>
  [s.Action].flat().includes(action) && [s.Resource].flat().some((r) => resource(JSON.stringify(r))));
const secretId = stack.getLogicalId(stack.node.findChild('SdkTokenSecret').node.defaultChild as never);
const edgeSecretId = () => stack.getLogicalId(stack.node.findChild('EdgeSecret').node.defaultChild as never);

describe.each(KEYS)('%s', (key) => {
  test(`${ENTRY_POINTS[key]} bundles with esbuild (node22, CJS, the stack externals)`, () => {
    expect(failures[key] ?? 'no errors').toBe('no errors');
    expect(inputs[key]).toContain(ENTRY_POINTS[key]);
  });
  test('CALLS names exactly what its bundle calls', () => {
    const used = CALL_KINDS.filter((kind) => EVIDENCE[kind].some((m) => inputs[key]!.includes(m)));
    expect([...CALLS[key]].sort()).toEqual([...used].sort());
  });
  test('loads the SDK-token secret only if it signs or verifies SDK tokens, and then may read it', () => {
    const signs = inputs[key]!.includes('lambdas/shared/tokens.ts');
    expect(variables(key).SDK_TOKEN_SECRET_ARN !== undefined).toBe(signs);
    expect(allows(key, 'secretsmanager:GetSecretValue', (r) => r.includes(secretId))).toBe(signs);
  });
  test('loads the edge secret (CloudFront\'s, to the API origin) only if it answers API requests, and then may read it', () => {
    const answers = inputs[key]!.includes('lambdas/api/client-ip.ts');
    expect(variables(key).STUDIO_EDGE_SECRET_ARN).toEqual(answers ? { Ref: edgeSecretId() } : undefined);
    expect(allows(key, 'secretsmanager:GetSecretValue', (r) => r.includes(edgeSecretId()))).toBe(answers);
  });
  test('may use the media bucket (any object) only if it calls it; imported watchlists only if it stores them', () => {
    const media = stack.getLogicalId(stack.data.media.node.defaultChild as never);
    expect(allows(key, 's3:PutObject', (r) => r.includes(media) && r.endsWith('"/*"]]}'))).toBe(inputs[key]!.includes('lambdas/store/s3.ts'));
    expect(allows(key, 's3:PutObject', (r) => r.includes(media) && r.endsWith('"/watchlists/*"]]}'))).toBe(CALLS[key].includes('watchlists'));
    // Timeline PDFs: read only (presigned GETs in webhook bodies), and nothing else of the bucket unless it calls it.
    const timelines = (r: string) => r.includes(media) && r.endsWith('"/*/timeline_files/*"]]}');
    expect(allows(key, 's3:GetObject', timelines)).toBe(CALLS[key].includes('timelineFiles'));
    expect(allows(key, 's3:PutObject', timelines)).toBe(false);
    expect(allows(key, 's3:GetObject', (r) => r.includes(media) && r.endsWith('"/*"]]}'))).toBe(CALLS[key].includes('media'));
  });
  test('may put events on the bus only if it publishes', () => {
    expect(allows(key, 'events:PutEvents', () => true)).toBe(inputs[key]!.includes('lambdas/events/publish.ts'));
  });
  test('may start executions only if it manages workflows or runs, or starts runs left unstarted; may change machines only if it manages them', () => {
    expect(allows(key, 'states:StartExecution', () => true)).toBe(CALLS[key].includes('workflows') || CALLS[key].includes('resume'));
    expect(allows(key, 'states:UpdateStateMachine', () => true)).toBe(CALLS[key].includes('workflows'));
    // Starting runs left unstarted deletes versions of trial machines only (`<machine>-trial`).
    expect(allows(key, 'states:DeleteStateMachineVersion', (r) => !r.includes('-trial'))).toBe(CALLS[key].includes('workflows'));
    expect(allows(key, 'states:DeleteStateMachineVersion', (r) => r.includes('-trial:*'))).toBe(CALLS[key].includes('resume'));
  });
  test('may delete object versions only if it purges', () => {
    expect(allows(key, 's3:DeleteObjectVersion', () => true)).toBe(CALLS[key].includes('purge'));
  });
});

describe('video frames (ffmpeg and sharp live in the reports bundle only)', () => {
  test('the API bundle\'s import graph does not contain reports/face', () => {
    expect(graph.api!.filter((m) => m.startsWith('lambdas/reports/'))).toEqual([]);
    expect(graph.api!.filter((m) => /node_modules\/(sharp|@ffmpeg-installer|@vladmandic)\//.test(m))).toEqual([]);
    expect(graph.reports).toContain('lambdas/reports/frame-api.ts');
  });
  test('API Gateway sends the frame routes to the reports function, everything else to the API function', () => {
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
    const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
    const target = (routeKey: string) => {
      const route = Object.values(routes).find((r) => r.Properties!.RouteKey === routeKey)!;
      const integrationId = JSON.stringify(route.Properties!.Target).match(/"Ref":"([^"]+)"/)![1]!;
      return JSON.stringify(integrations[integrationId]!.Properties!.IntegrationUri);
    };
    for (const kind of FRAME_KINDS) expect(target(`GET ${frameRoute(kind)}`)).toContain(logicalId('reports', 'fn'));
    expect(target('$default')).toContain(logicalId('api', 'fn'));
  });
});

describe('face engine paths of the reports function', () => {
  test('FACE_HUMAN_JS, FACE_MODELS_DIR and FACE_WASM_DIR point into the bundle (relative to index.js)', () => {
    expect(variables('reports')).toMatchObject(FACE_ASSET_ENV);
    for (const value of Object.values(FACE_ASSET_ENV)) expect(value).toMatch(/^node_modules\//);
  });
  test('no other function carries them', () => {
    for (const key of KEYS.filter((k) => k !== 'reports')) expect(variables(key)).not.toHaveProperty('FACE_HUMAN_JS');
  });
});

describe('reportProviders (CDK context)', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:screening-AbCdEf';
  const providers = { watchlist_report: { type: 'http', url: 'https://screening.example.com/report', secret_arn: arn } };
  const withProviders = synthStudio({}, { reportProviders: JSON.stringify(providers) });
  const fnOf = (key: FunctionKey) => resourcesOf(withProviders.template, 'AWS::Lambda::Function')[withProviders.stack.getLogicalId(withProviders.stack.functions[key].fn.node.defaultChild as never)]!;
  const policyOf = (key: FunctionKey) => JSON.stringify(Object.values(resourcesOf(withProviders.template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties!.Roles).includes(withProviders.stack.getLogicalId(withProviders.stack.functions[key].role.node.defaultChild as never))));

  test('reach the reports function as REPORT_PROVIDERS, the secret by ARN only', () => {
    const vars = (fnOf('reports').Properties!.Environment as { Variables: Record<string, string> }).Variables;
    expect(JSON.parse(vars.REPORT_PROVIDERS!)).toEqual({ watchlist_report: { ...providers.watchlist_report, timeout_ms: 10_000, retries: 2, backoff_ms: 500 } });
  });
  test('the reports function, and only it, may read that secret', () => {
    const statements = JSON.parse(policyOf('reports')).flatMap((p: { Properties: { PolicyDocument: { Statement: unknown[] } } }) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Sid: 'ReportProviderSecrets', Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: arn });
    for (const key of KEYS.filter((k) => k !== 'reports')) expect(policyOf(key)).not.toContain(arn);
  });
  test('a secret given in clear, or not by a Secrets Manager ARN, is refused', () => {
    expect(() => synthStudio({}, { reportProviders: JSON.stringify({ watchlist_report: { type: 'http', url: 'https://x.example', secret: 'x'.repeat(20) } }) })).toThrow(/secret_arn/);
  });
});
