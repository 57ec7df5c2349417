/**
 * Workflow management: workflows (create, list, get, rename and describe with PATCH) and templates (versions: workflow-versions.ts). API tokens only;
 * a workflow belongs to the environment of the token that created it, and is a 404 to the other.
 */
import { TEMPLATES } from '../../../compiler';
import { notFound } from '../../shared/errors';
import { getWorkflowItem, listWorkflowItems } from '../../store/workflows';
import { createWorkflow, updateWorkflowDetails, versionView, workflowView } from '../../workflows';
import { json } from '../http';
import { savedBy } from '../roles';
import type { Router } from '../router';
import { CreateWorkflowBody, parseBody, UpdateWorkflowBody, workflowIdParam } from './workflow-input';

export function addWorkflowRoutes(router: Router): Router {
  return router
    .add('POST', '/v3.6/workflows', 'api', async (req) => {
      const body = parseBody(req, CreateWorkflowBody);
      const { workflow, first } = await createWorkflow(body, req.caller.environment, undefined, savedBy(req.caller));
      return json(201, { ...workflowView(workflow), ...(first ? { first_version: versionView(workflow, first.item, first.updates) } : {}) });
    })
    .add('GET', '/v3.6/workflows', 'api', async (req) => json(200, { workflows: (await listWorkflowItems(req.caller.environment)).map(workflowView) }))
    .add('GET', '/v3.6/workflows/{id}', 'api', async (req) => {
      const id = workflowIdParam(req);
      const workflow = await getWorkflowItem(id, req.caller.environment);
      if (!workflow) throw notFound('Workflow', id);
      return json(200, workflowView(workflow));
    })
    .add('PATCH', '/v3.6/workflows/{id}', 'api', async (req) => {
      const id = workflowIdParam(req);
      const body = parseBody(req, UpdateWorkflowBody);
      return json(200, workflowView(await updateWorkflowDetails(id, req.caller.environment, body)));
    })
    .add('GET', '/v3.6/workflow_templates', 'api', async () => json(200, {
      workflow_templates: TEMPLATES.map((t) => ({ name: t.name, title: t.title, description: t.description, definition: t.definition })),
    }));
}
