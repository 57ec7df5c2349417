/**
 * Entry bundled by test/cdk/evidence-bundle.test.ts with the evidence function's own esbuild
 * options: the real handler (so its whole module graph loads from the bundle) and a signed PDF
 * drawn and signed by the evidence code inside the bundle.
 */
import { timelinePdf } from '../../lambdas/evidence/pdf';
import { signPdf } from '../../lambdas/evidence/sign-pdf';
import { generateSigningKey } from '../../lambdas/evidence/signing-key';

export { handler } from '../../lambdas/evidence/handler';

export async function signedTimelinePdf(): Promise<string> {
  const at = new Date('2026-01-02T03:04:05Z');
  const pdf = await timelinePdf('run-probe', [{ at: '2026-01-02T03:04:00Z', kind: 'run_created', description: 'Workflow run created' }], at);
  return (await signPdf(pdf, generateSigningKey('probe', at), { reason: 'probe', name: 'Open Studio', at })).toString('base64');
}
