/**
 * Workflows of the run inspection tests (API and console): a document, a selfie, a Send/Receive
 * check whose answer decides (a logic task) between approve and a retry of the document; the
 * review result is reached only when the retries run out.
 */
import type { Json } from '../e2e/helpers';

export const INSPECTED: Json = {
  name: 'Inspected', start: 'doc',
  tasks: [
    { id: 'doc', type: 'document_capture', name: 'Identity document', timeout_seconds: 3600, next: 'selfie' },
    { id: 'selfie', type: 'face_capture_photo', name: 'Selfie', timeout_seconds: 3600, next: 'check' },
    { id: 'check', type: 'send_receive', name: 'Back office check', task_def_id: 'check', task_def_version: '1', next: 'decide',
      receive: { ok: { format: 'boolean', required: true } } },
    { id: 'decide', type: 'logic', name: 'Decide',
      branches: [{ name: 'Passed', when: { path: 'tasks.check.output.ok', op: 'eq', value: true }, next: 'approve' }], else: 'again' },
    { id: 'again', type: 'retry', name: 'Retake the document', reasons: ['generic_document_issue'], target: 'doc', max_retries: 1, limit_reached: 'review' },
    { id: 'approve', type: 'result', name: 'Approve', outcome: 'approve', reasons: ['checked'] },
    { id: 'review', type: 'result', name: 'Review', outcome: 'review', reasons: ['retries_exhausted'] },
  ],
};
