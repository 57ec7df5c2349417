/** Versions of a workflow: save, list, get, activate, archive, compiled ASL. API tokens only, of the workflow's environment (else 404). */
import { z } from 'zod';
import { notFound } from '../../shared/errors';
import { getWorkflowItem, listVersionItems } from '../../store/workflows';
import { activateVersion, archiveVersion, compiledAsl, loadVersion, saveVersion, versionSummary, versionView } from '../../workflows';
import { json, type Request } from '../http';
import { savedBy } from '../roles';
import type { Router } from '../router';
import { parseBody, SaveVersionBody, versionParam, workflowIdParam } from './workflow-input';

const VERSIONS = '/v3.6/workflows/{id}/versions';
/**
 * `base_version` (optional, an extension of Onfido's body; the console sends it): the version the
 * edit started from, 0 for none; when a newer version exists the save is a 409 (save.ts).
 */
const SaveBody = SaveVersionBody.extend({ base_version: z.number().int().min(0).max(999_999_999).optional() });

async function workflowOf(req: Request) {
  const id = workflowIdParam(req);
  const workflow = await getWorkflowItem(id, req.caller.environment);
  if (!workflow) throw notFound('Workflow', id);
  return workflow;
}

/** `{id}` and `{version}`, both checked before any lookup, and the caller's environment. */
const target = (req: Request): [string, number, Request['caller']['environment']] => [workflowIdParam(req), versionParam(req), req.caller.environment];

export function addWorkflowVersionRoutes(router: Router): Router {
  return router
    .add('POST', VERSIONS, 'api', async (req) => {
      const workflow = await workflowOf(req);
      const body = parseBody(req, SaveBody);
      const saved = await saveVersion(workflow, body.definition, body.notes ?? '', undefined, savedBy(req.caller), body.base_version);
      return json(201, versionView(workflow, saved.item, saved.updates));
    })
    .add('GET', VERSIONS, 'api', async (req) => {
      const workflow = await workflowOf(req);
      const items = await listVersionItems(workflow.id, workflow.environment);
      return json(200, { versions: items.map((v) => versionSummary(workflow, v)) });
    })
    .add('GET', `${VERSIONS}/{version}`, 'api', async (req) => {
      const { workflow, item } = await loadVersion(...target(req));
      return json(200, versionView(workflow, item));
    })
    .add('POST', `${VERSIONS}/{version}/activate`, 'api', async (req) => {
      const { workflow, item, ...deployed } = await activateVersion(...target(req));
      return json(200, { ...versionView(workflow, item), ...deployed });
    })
    .add('POST', `${VERSIONS}/{version}/archive`, 'api', async (req) => {
      const { workflow, item } = await archiveVersion(...target(req));
      return json(200, versionView(workflow, item));
    })
    .add('GET', `${VERSIONS}/{version}/asl`, 'api', async (req) => ({
      status: 200, raw: Buffer.from(await compiledAsl(...target(req))), headers: { 'content-type': 'application/json; charset=utf-8' },
    }));
}
