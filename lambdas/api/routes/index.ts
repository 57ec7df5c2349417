/** Every route of the API. Each area adds one line. */
import { Router } from '../router';
import { addWorkflowRoutes } from './workflows';
import { addWorkflowVersionRoutes } from './workflow-versions';
import { addWebhookRoutes } from './webhooks';
import { addApplicantRoutes } from './applicants';
import { addMediaRoutes } from './media';
import { addSdkTokenRoutes } from './sdk-token';
import { addWorkflowRunRoutes } from './workflow-runs';
import { addTaskRoutes } from './tasks';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { addApiTokenRoutes } from './api-tokens';
import { addEvidenceRoutes } from './evidence';
import { addUploadRoutes } from './uploads';
import { addConsoleRoutes } from './console';
import { addResultRoutes } from './results';
import { addGenericLinkRoutes } from './generic-links';
import { addErasureRoutes } from './erasures';
import { addApplicantExportRoutes } from './applicant-export';
import { addReviewRoutes } from './review';
import { addTrialRunRoutes } from './trial-runs';

/** `rt`: the clock that token expiry is judged by (tests inject one). */
export function buildRouter(rt: Runtime = systemRuntime): Router {
  const router = new Router();
  // Onfido's health check answers `OK` as text/plain (its client reads a string).
  router.add('GET', '/v3.6/ping', 'public', async () => ({ status: 200, raw: Buffer.from('OK'), headers: { 'content-type': 'text/plain; charset=utf-8' } }));
  addWebhookRoutes(router);
  addApplicantRoutes(router);
  addMediaRoutes(router);
  addUploadRoutes(router, rt);
  addSdkTokenRoutes(router, rt);
  addWorkflowRoutes(router);
  addWorkflowVersionRoutes(router);
  addWorkflowRunRoutes(router, rt);
  addTaskRoutes(router);
  addApiTokenRoutes(router);
  addEvidenceRoutes(router, rt);
  addConsoleRoutes(router, rt);
  addResultRoutes(router);
  addGenericLinkRoutes(router, rt);
  addErasureRoutes(router);
  addApplicantExportRoutes(router);
  addReviewRoutes(router, rt);
  addTrialRunRoutes(router, rt);
  return router;
}
