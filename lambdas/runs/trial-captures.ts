/**
 * A trial run ("Try it", runs/trial.ts) has no end user: each capture task it reaches is
 * completed at once by the task function with sample captures, so the draft runs to a result
 * without the capture page. The sample media ids (`sample_<task>_<side>`) name no upload:
 * trials run in sandbox, whose reports read no media (reports/sandbox) and answer the chosen
 * report results. Documents take the first type and country the task accepts; profile data
 * takes the sample applicant's fields and plain sample values for the others (with the consent
 * a phone number needs).
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { clients } from '../shared/aws';
import type { Runtime } from '../shared/ids';
import { getApplicant } from '../store/applicants';
import { isEnded, type RunItem } from '../store/runs';
import { completeWithRun, getRunWithTasks } from '../store/task-completion';
import type { TaskItem } from '../store/tasks';
import { emitTaskEvent } from '../tasks/events';
import { liveStatus } from './status';

const TWO_SIDED = new Set(['national_identity_card', 'driving_licence', 'residence_permit']);
const SAMPLE_PROFILE: Record<string, unknown> = {
  first_name: 'Jane', last_name: 'Doe', dob: '1990-01-01', email: 'sample@example.com', phone_number: '+447700900000',
  address: { country: 'GBR', postcode: 'SW1A 1AA', town: 'London', street: 'Sample Street', building_number: '1' },
  country_of_residence: 'GBR',
};
const CONSENTS = { phone_number: 'phone_number_verification' } as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** What the capture page would have sent for this task, as the task's output. */
export function sampleCapture(task: Pick<TaskItem, 'task_type' | 'workflow_task_id' | 'config'>, applicant: Record<string, unknown>): unknown {
  const id = (side: string) => `sample_${task.workflow_task_id}_${side}`;
  switch (task.task_type) {
    case 'document_capture': {
      const docs = Array.isArray(task.config.documents) ? task.config.documents as Array<{ type?: unknown; countries?: unknown }> : [];
      const type = str(docs[0]?.type) ?? 'passport';
      const issuing_country = str(Array.isArray(docs[0]?.countries) ? docs[0].countries[0] : undefined) ?? 'GBR';
      const sides = TWO_SIDED.has(type) ? ['front', 'back'] : ['front'];
      return sides.map((side) => ({ id: id(side), type, side, issuing_country }));
    }
    case 'proof_of_address_capture': {
      const types = Array.isArray(task.config.document_types) ? task.config.document_types : [];
      return [{ id: id('front'), type: str(types[0]) ?? 'utility_bill', side: 'front', issuing_country: 'GBR' }];
    }
    case 'face_capture_photo': case 'face_capture_video': case 'face_capture_motion':
      return [{ id: id('face') }];
    case 'profile_data_capture': {
      // SSN and PAN are asked only of US and Indian residents: the sample lives in the UK.
      const fields = (Array.isArray(task.config.fields) ? task.config.fields : []).filter((f): f is string => typeof f === 'string' && f in SAMPLE_PROFILE);
      const data: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, applicant[f] ?? SAMPLE_PROFILE[f]]));
      const consents = fields.flatMap((f) => (f in CONSENTS ? [{ name: CONSENTS[f as keyof typeof CONSENTS], granted: true }] : []));
      return consents.length ? { ...data, consents } : data;
    }
    default:
      return undefined;
  }
}

const ATTEMPTS = 5;

/** Completes a waiting capture task of a trial run with its sample capture, as Complete Task would. */
export async function completeTrialCapture(task: TaskItem, run: Pick<RunItem, 'applicant_id' | 'environment'>, rt: Runtime): Promise<void> {
  const applicant = task.task_type === 'profile_data_capture' ? { ...await getApplicant(run.applicant_id, run.environment) } : {};
  const output = sampleCapture(task, applicant);
  if (output === undefined) return;
  const now = () => rt.now().toISOString();
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { run: current, tasks } = await getRunWithTasks(task.workflow_run_id);
    if (!current || !tasks.some((t) => t.id === task.id && t.status === 'waiting')) return;
    const after = tasks.map((t) => (t.id === task.id ? { ...t, status: 'completed' as const } : t));
    const done = await completeWithRun({ run: current, taskId: task.id, output, now: now(), status: isEnded(current.status) ? undefined : liveStatus(after) });
    if (done === 'not_waiting') return;
    if (done === 'completed') return handOver(current, task, output, now());
  }
  throw new Error(`trial run ${task.workflow_run_id}: task ${task.id} could not be completed, its run kept changing`);
}

async function handOver(run: RunItem, task: TaskItem, output: unknown, at: string): Promise<void> {
  await clients().sfn.send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify(output) }));
  await emitTaskEvent('workflow_task.completed', { ...task, status: 'completed', output, updated_at: at }, run.applicant_id);
}
