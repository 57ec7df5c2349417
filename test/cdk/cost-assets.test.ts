/** The cost estimate (from the compiled templates) and the pruning of the reports bundle. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findTemplate } from '../../compiler';
import { settingsFrom } from '../../lib/config';
import { approveRoute, costReport, estimate, PRICES } from '../../lib/cost';
import { pinnedDependencies, prune, REPORT_NODE_MODULES } from '../../lib/report-assets';

describe('cost', () => {
  test('document_selfie_photo approve route: document, selfie, 2 reports, decide, approve, emit', () => {
    expect(approveRoute(findTemplate('document_selfie_photo')!)).toEqual({ template: 'document_selfie_photo', transitions: 7, captures: 2, reports: 2 });
  });
  test('transitions are priced at $0.025 per 1,000', () => {
    const [sfn] = estimate({ template: 't', transitions: 8, captures: 0, reports: 0 }, 10_000);
    expect(sfn!.usd).toBeCloseTo(8 * 10_000 * 0.025 / 1000);
    expect(PRICES.transition).toBe(0.000025);
  });
  test('README.md shows the current output of lib/cost.ts', () => {
    const doc = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(doc.slice(doc.indexOf('<!-- cost:begin -->\n') + 20, doc.indexOf('<!-- cost:end -->'))).toBe(costReport());
  });
});

describe('reports bundle assets', () => {
  test('the externals are installed in the project, pinned to exact versions', () => {
    const pins = pinnedDependencies(path.join(__dirname, '../..'));
    expect(Object.keys(pins)).toEqual([...REPORT_NODE_MODULES]);
    for (const v of Object.values(pins)) expect(v).toMatch(/^\d+\.\d+\.\d+/);
  });
  test('pruning keeps the face models and OCR data the reports read, drops the rest', () => {
    const nm = mkdtempSync(path.join(tmpdir(), 'studio-nm-'));
    const files = ['@vladmandic/human/models/blazeface.bin', '@vladmandic/human/models/faceres.json', '@vladmandic/human/models/iris.bin',
      '@vladmandic/human/dist/human.node-wasm.js', '@vladmandic/human/dist/human.esm.js', '@vladmandic/human/src/x.ts',
      '@tesseract.js-data/eng/4.0.0/eng.traineddata.gz', '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
      'tesseract.js-core/tesseract-core-simd-lstm.wasm', 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js', 'sharp/lib/index.js', 'sharp/README.md', 'a/b.js.map'];
    for (const f of files) { mkdirSync(path.dirname(path.join(nm, f)), { recursive: true }); writeFileSync(path.join(nm, f), 'x'); }
    prune(nm);
    expect(files.filter((f) => existsSync(path.join(nm, f)))).toEqual([
      '@vladmandic/human/models/blazeface.bin', '@vladmandic/human/models/faceres.json', '@vladmandic/human/dist/human.node-wasm.js',
      '@tesseract.js-data/eng/4.0.0/eng.traineddata.gz', 'tesseract.js-core/tesseract-core-simd-lstm.wasm', 'sharp/lib/index.js']);
  });
});

describe('settings', () => {
  test('defaults that deploy, context strings parsed', () => {
    const s = settingsFrom((k) => ({ allowedOrigins: 'https://a.example, https://b.example', logRetentionDays: '30' } as Record<string, unknown>)[k]);
    expect(s).toMatchObject({ stage: 'prod', allowedOrigins: ['https://a.example', 'https://b.example'], logRetentionDays: 30, workflows: [] });
  });
  test('every invalid setting is reported at once', () => {
    expect(() => settingsFrom(() => undefined, { stage: 'Prod!', domainName: 'api.example.com', allowedOrigins: ['not a url'] }))
      .toThrow(/stage:[\s\S]*allowedOrigins\.0:[\s\S]*domainName: domainName and certificateArn go together/);
  });
});
