/** Configured custom inputs are mandatory when a run is created unless they say `required: false`; the execution input
 *  holds only what the workflow's conditions and outputs read. */
import { checkInputs, executionInput } from './inputs';

const input = { custom: {
  tier: { type: 'string' as const },
  age: { type: 'number' as const, required: true },
  note: { type: 'string' as const, required: false },
} };

it('refuses a run without a configured custom input that does not opt out, naming each one', () => {
  expect(checkInputs(input, {}, {}).fields).toEqual({
    'custom_data.tier': ['is required by the workflow (string)'], 'custom_data.age': ['is required by the workflow (number)'],
  });
});

it('accepts a run without the inputs marked required: false, and still checks their type when given', () => {
  expect(checkInputs(input, {}, { tier: 'gold', age: 40 }).fields).toEqual({});
  expect(checkInputs(input, {}, { tier: 'gold', age: 40, note: 7 }).fields).toEqual({ 'custom_data.note': ['must be a string, got 7'] });
});

it('takes an empty list or string as a given input: missing means absent or null', () => {
  const lists = { custom: { products: { type: 'string_list' as const }, note: { type: 'string' as const } } };
  expect(checkInputs(lists, {}, { products: [], note: '' }).fields).toEqual({});
  expect(checkInputs(lists, {}, { products: null }).fields).toEqual({
    'custom_data.products': ['is required by the workflow (string_list)'], 'custom_data.note': ['is required by the workflow (string)'],
  });
  expect(checkInputs(lists, {}, { products: [3], note: '' }).fields).toEqual({ 'custom_data.products': ['must be a list of strings, got [3]'] });
});

it('applicant "all" passes the fields the applicant has and requires none; a listed field is required', () => {
  expect(checkInputs({ applicant: 'all' }, { first_name: 'Ada', email: '' }, {})).toEqual({ fields: {}, applicant: { first_name: 'Ada' } });
  expect(checkInputs({ applicant: ['first_name', 'email'] }, { first_name: 'Ada' }, {}).fields).toEqual({
    'applicant.email': ['is required by the workflow; update the applicant first'],
  });
});

it('the execution input holds only the applicant fields and custom data keys conditions and outputs read (and _sandbox_results)', () => {
  const tasks = [
    { id: 'ask', type: 'send_receive', send: { n: { source: 'input.custom.note' }, e: { source: 'input.applicant.email' } }, next: 'l' },
    { id: 'l', type: 'logic', branches: [{ when: { path: 'input.custom.tier', op: 'eq', value: 'gold' }, next: 'r' }] },
    { id: 'r', type: 'result', output: { dob: 'input.applicant.dob' } },
  ];
  const run = { id: 'r1', applicant_id: 'a1', sandbox: true };
  const custom = { tier: 'gold', note: 'secret', _sandbox_results: { watchlist: 'consider' } };
  expect(executionInput(tasks, run, { dob: '1990-01-31', email: 'x@example.com' }, custom)).toEqual({
    workflow_run_id: 'r1', applicant_id: 'a1', sandbox: true, applicant: { dob: '1990-01-31' }, custom: { tier: 'gold', _sandbox_results: { watchlist: 'consider' } },
  });
});
