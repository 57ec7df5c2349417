/**
 * `GET /v3.6/applicants/{id}/export` (an Open Studio extension, for access requests): a ZIP of
 * everything held on the applicant until its purge: `applicant.json`, each upload's metadata
 * and bytes (`media/<kind>/<id>.json`, `media/<kind>/<id>.<ext>`), each run as the API shows it
 * with its tasks, report outputs included (`runs/<id>.json`), and the erasure records
 * (`erasures.json`, runs purged by retention). A ZIP larger than a response may be is stored
 * under the applicant's own prefix in the bucket (so the purge removes it) and answered with a
 * 302 to a presigned GET.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { listErasures } from '../../store/erasures';
import { getApplicant } from '../../store/applicants';
import { listMedia, MEDIA_KINDS, readMediaBytes, type MediaKind } from '../../store/media';
import { getRun } from '../../store/runs';
import { listTasks } from '../../store/tasks';
import { mediaPrefix, putObject } from '../../store/s3';
import { keys } from '../../store/table';
import { toWorkflowRun } from '../../runs/view';
import { taskView } from '../../tasks/view';
import { pageOfIndex } from '../../store/paging';
import { MAX_PAYLOAD_BYTES } from '../limits';
import type { Request, Response } from '../http';
import type { Router } from '../router';
import { parseWith } from '../validate';
import { z } from 'zod';
import { applicantBody } from './applicants';
import { presignedRedirect } from './media';

const asJson = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);

export function addApplicantExportRoutes(router: Router): void {
  router.add('GET', '/v3.6/applicants/{id}/export', 'api', async (req) => exportApplicant(req, parseWith(z.object({ id: z.string().min(1).max(100) }), req.params, 'path').id));
}

async function exportApplicant(req: Request, id: string): Promise<Response> {
  const env = req.caller.environment;
  const applicant = await getApplicant(id, env);
  const files: Zippable = { 'applicant.json': asJson(applicantBody(applicant)) };
  for (const kind of Object.keys(MEDIA_KINDS) as MediaKind[]) {
    for (const m of await listMedia(id, kind)) {
      files[`media/${kind}/${m.id}.json`] = asJson(m);
      files[`media/${kind}/${m.id}.${m.file_type}`] = new Uint8Array(await readMediaBytes(m));
    }
  }
  const runs = await pageOfIndex({ name: 'gsi2', pk: 'gsi2pk', value: keys.runsOfApplicant(id) }, { offset: 0, limit: Number.MAX_SAFE_INTEGER, newestFirst: false });
  for (const item of runs.items) {
    const run = await getRun(String(item.id));
    if (!run) continue;
    files[`runs/${run.id}.json`] = asJson({ ...toWorkflowRun(run, Date.now(), { credentials: false }), custom_data: run.custom_data, tasks: (await listTasks(run.id)).map(taskView) });
  }
  files['erasures.json'] = asJson(await listErasures(id, env));
  const zip = Buffer.from(zipSync(files, { level: 6 }));
  const fileName = `applicant-${id}.zip`;
  if (zip.length > MAX_PAYLOAD_BYTES) {
    const key = `${mediaPrefix(env, id)}exports/${Date.now()}.zip`;
    await putObject(key, zip, 'application/zip');
    return presignedRedirect(key, 'application/zip', fileName);
  }
  return { status: 200, raw: zip, headers: { 'content-type': 'application/zip', 'content-length': String(zip.length), 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' } };
}
