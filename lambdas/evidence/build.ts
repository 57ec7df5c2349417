/**
 * Making the files: the evidence of an ended run (signed PDF, then the folder around it) and a
 * requested timeline file, each written to the media bucket and announced on the bus; an ended
 * run also gets the summary of its tasks the funnel reads (results/funnel.ts). Safe to repeat: an event delivered twice rewrites the same objects and announces again.
 * A purged run gets nothing (its event may come a day late); one purged while its files are made is
 * cleared by the purge's second look (lifecycle/recheck.ts).
 */
import { EVENTS, publish, type TimelineFileDetail } from '../events/contract';
import { recordTaskSummary } from '../results/funnel';
import { isoSeconds, systemRuntime, type Runtime } from '../shared/ids';
import { evidenceKey, getTimelineFile, markTimelineFileReady, timelineKey } from '../store/evidence';
import { isEnded } from '../store/runs';
import { putObject } from '../store/s3';
import { evidenceFolder } from './folder';
import { gatherEvidence } from './gather';
import { evidencePdf, timelinePdf } from './pdf';
import { signPdf } from './sign-pdf';
import { evidenceSigningKey } from './signing-key';
import { runTimeline } from './timeline';

export type Made = 'made' | 'not_ended' | 'gone';

export async function makeEvidence(runId: string, rt: Runtime = systemRuntime): Promise<Made> {
  const ev = await gatherEvidence(runId, rt.now().getTime());
  // A purged run (an event delivered or retried after the purge: EventBridge retries for a day) is made nothing of.
  if (!ev || ev.item.purged_at) return 'gone';
  if (!isEnded(ev.item.status)) return 'not_ended';
  await recordTaskSummary(runId, ev.tasks);
  const pdf = await signPdf(await evidencePdf(ev), await evidenceSigningKey(), {
    reason: `Evidence of workflow run ${runId}`, name: 'Open Studio', at: rt.now(),
  });
  await putObject(evidenceKey(ev.item, 'pdf'), pdf, 'application/pdf');
  await putObject(evidenceKey(ev.item, 'zip'), evidenceFolder(ev, pdf), 'application/zip');
  await publish(EVENTS.evidenceFolderCreated, { workflow_run_id: runId, applicant_id: ev.item.applicant_id }, rt);
  return 'made';
}

export async function makeTimelineFile(req: TimelineFileDetail, rt: Runtime = systemRuntime): Promise<Made> {
  const [ev, file] = await Promise.all([gatherEvidence(req.workflow_run_id, rt.now().getTime()), getTimelineFile(req.workflow_run_id, req.timeline_file_id)]);
  if (!ev || !file || ev.item.purged_at) return 'gone';
  const pdf = await timelinePdf(ev.item.id, await runTimeline(ev.item, ev.tasks), rt.now());
  await putObject(timelineKey(ev.item, file.id), pdf, 'application/pdf');
  await markTimelineFileReady(ev.item.id, file.id, isoSeconds(rt.now()));
  // Made again for a request put on the bus twice (events/pending.ts): announced with the same dedupe id, so each webhook gets it once.
  await publish(EVENTS.timelineFileCreated, req, rt, { dedupeId: `${EVENTS.timelineFileCreated}:${file.id}` });
  return 'made';
}
