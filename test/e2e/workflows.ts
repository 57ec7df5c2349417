/** Small workflow definitions for the run and task tests. */
import type { Json } from './helpers';

const approve = { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] };

/** One Send/Receive task, then approve with the received score. */
export const ASK: Json = {
  name: 'Ask', start: 'ask', output: { score: { format: 'number' } }, input: { custom: { tier: { type: 'string' } } },
  tasks: [
    { id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '2', next: 'approve',
      send: { tier: { format: 'string', source: 'input.custom.tier' } }, receive: { score: { format: 'number', required: true }, note: { format: 'string' } } },
    { ...approve, output: { score: 'tasks.ask.output.score' } },
  ],
};

/** Configured inputs: custom inputs (required unless `required: false`), two applicant fields. */
export const WITH_INPUTS: Json = {
  name: 'Inputs', start: 'approve',
  input: { applicant: ['first_name', 'email'], custom: { tier: { type: 'string', required: true }, age: { type: 'number' }, since: { type: 'date_time' }, note: { type: 'string', required: false } } },
  tasks: [approve],
};

/** A capture and a Send/Receive task in parallel branches. */
export const PARALLEL: Json = {
  name: 'Parallel', start: 'both',
  tasks: [
    { id: 'both', type: 'parallel', branches: [{ start: 'doc' }, { start: 'ask' }], next: 'approve' },
    { id: 'doc', type: 'document_capture', next: null },
    { id: 'ask', type: 'send_receive', task_def_id: 'check', task_def_version: '1', next: null },
    approve,
  ],
};

/** One document capture that waits `timeout` seconds at most. */
export const CAPTURE = (timeout = 3600): Json => ({
  name: 'Capture', start: 'doc',
  tasks: [{ id: 'doc', type: 'document_capture', timeout_seconds: timeout, next: 'approve' }, approve],
});
