/**
 * First-run content: one workflow per template in each environment (sandbox and live), skipped
 * where a workflow of that name exists in that environment, so restarts add nothing twice.
 * Workflows belong to one environment (lambdas/store/workflows.ts) and the stack holds a token
 * of only one, so the templates are created in process, through the workflows module the API
 * uses, after the stack's environment has been applied (startStack).
 */
import { TEMPLATES } from '../../compiler';

export const SEED_ENVIRONMENTS = ['sandbox', 'live'] as const;
export type SeedEnvironment = (typeof SEED_ENVIRONMENTS)[number];

export interface Seeded { created: string[]; existing: string[]; skipped?: string }

/** Seeds both environments; what was created and what was there already, per environment. */
export async function seedTemplates(): Promise<Record<SeedEnvironment, Seeded>> {
  const [{ listWorkflowItems }, { createWorkflow }] = await Promise.all([import('../../lambdas/store/workflows'), import('../../lambdas/workflows')]);
  const out: Record<SeedEnvironment, Seeded> = { sandbox: { created: [], existing: [] }, live: { created: [], existing: [] } };
  for (const environment of SEED_ENVIRONMENTS) {
    const names = new Set((await listWorkflowItems(environment)).map((w) => w.name));
    for (const tpl of TEMPLATES) {
      if (names.has(tpl.title)) { out[environment].existing.push(tpl.title); continue; }
      await createWorkflow({ name: tpl.title, template: tpl.name, description: tpl.description.slice(0, 2000) }, environment);
      out[environment].created.push(tpl.title);
    }
  }
  return out;
}
