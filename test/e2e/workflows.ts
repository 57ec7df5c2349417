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

/** A profile data capture, a Send/Receive task (sending a profile answer and custom data, receiving a property that
 *  stands for the first name), a watchlist report, logic on a profile answer, a received property and custom data;
 *  approve outputs the first name and the score. */
export const PERSONAL: Json = {
  name: 'Minimal history', start: 'profile',
  input: { custom: { tier: { type: 'string' }, note: { type: 'string', required: false } } },
  output: { first_name: { format: 'string' }, score: { format: 'number' } },
  tasks: [
    { id: 'profile', type: 'profile_data_capture', fields: ['first_name', 'last_name', 'dob', 'address'], next: 'ask' },
    { id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '1', next: 'watch',
      send: {
        surname: { format: 'string', source: 'tasks.profile.output.last_name' },
        note: { format: 'string', source: 'input.custom.note' },
        tier: { format: 'string', source: 'input.custom.tier' },
      },
      receive: { score: { format: 'number', required: true }, remark: { format: 'string' }, fname: { format: 'string', semantic: 'first_name' } } },
    { id: 'watch', type: 'watchlist_report', variant: 'standard', next: 'route' },
    { id: 'route', type: 'logic', branches: [{ when: { all: [
      { path: 'tasks.ask.output.score', op: 'lt', value: 50 },
      { path: 'input.custom.tier', op: 'eq', value: 'gold' },
      { path: 'tasks.profile.output.address.country', op: 'eq', value: 'USA' },
    ] }, next: 'approve' }], else: 'decline' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['ok'], output: { first_name: 'tasks.profile.output.first_name', score: 'tasks.ask.output.score' } },
    { id: 'decline', type: 'result', outcome: 'decline', reasons: ['no'] },
  ],
};
