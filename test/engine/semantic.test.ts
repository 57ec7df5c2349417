/**
 * Semantic inputs: custom inputs and received Send/Receive properties that stand for an
 * applicant field reach the report handler as `semantic_sources`, paths it reads the values by
 * (a received property before a custom input; the first one present wins), never as values in
 * the execution; the handler fills the applicant's missing fields.
 */
import { splitPath, type ReportRequest } from '../../compiler';
import { produceReport } from '../../lambdas/reports/handler';
import { readFirst, valueAt } from '../../lambdas/store/sources';
import { withSemanticFields } from '../../lambdas/reports/semantic';
import { report, workflowEngine } from './harness';

const definition = {
  name: 'Semantic', start: 'ask',
  input: { custom: {
    given: { type: 'string', semantic: 'first_name' },
    family: { type: 'string', semantic: 'last_name', required: false },
    tier: { type: 'string', semantic: 'signup_tier' },
  } },
  tasks: [
    { id: 'ask', type: 'send_receive', task_def_id: 'kyc_data', task_def_version: '1', next: 'watchlist',
      receive: { fname: { format: 'string', semantic: 'first_name' }, born: { format: 'date', semantic: 'dob' } } },
    { id: 'watchlist', type: 'watchlist_report', variant: 'standard', next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] },
  ],
};

async function semanticOf(custom: object, received: object): Promise<ReportRequest['semantic']> {
  const w = workflowEngine(() => report('clear'));
  const run = await w.start(definition, { custom });
  await w.complete('ask', received);
  expect((await w.result(run.executionArn)).output).toMatchObject({ status: 'approved' });
  expect(w.reports).toHaveLength(1);
  const req = w.reports[0]!;
  expect(req).not.toHaveProperty('semantic');
  expect(req.semantic_sources).toEqual({ first_name: ['tasks.ask.output.fname', 'input.custom.given'], last_name: ['input.custom.family'], dob: ['tasks.ask.output.born'] });
  // The handler reads each path from DynamoDB (lambdas/store/sources.ts); here from what the run was given.
  const read = async (path: string) => {
    const [root, , ...rest] = splitPath(path);
    return root === 'input' ? valueAt(custom, rest) : valueAt(received, rest.slice(1));
  };
  return readFirst(req.semantic_sources!, read);
}

it('sends the received property before the custom input standing for the same field', async () => {
  expect(await semanticOf({ given: 'Input', family: 'Doe', tier: 'gold' }, { fname: 'Received', born: '1990-01-31' }))
    .toEqual({ first_name: 'Received', last_name: 'Doe', dob: '1990-01-31' });
});

it('falls back to the custom input when the property was not received, and leaves out what is absent', async () => {
  expect(await semanticOf({ given: 'Input' }, {})).toEqual({ first_name: 'Input' });
});

it('sends no semantic values when the workflow names none', async () => {
  const w = workflowEngine(() => report('clear'));
  await w.start({ name: 'Plain', start: 'watchlist', tasks: [
    { id: 'watchlist', type: 'watchlist_report', variant: 'standard', next: 'approve' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['done'] }] });
  expect(w.reports[0]).not.toHaveProperty('semantic');
  expect(w.reports[0]).not.toHaveProperty('semantic_sources');
});

describe('the report handler', () => {
  it('takes a missing applicant field from its semantic value, never over the applicant\'s own', () => {
    const semantic = { first_name: 'Jane', last_name: 'Other', dob: '1990-01-31T10:00:00Z', ssn: '123-45-6789', pan: 'ABCPS1234K', address: { country: 'GBR', postcode: 'SW1A 1AA' } };
    expect(withSemanticFields({ last_name: 'Doe', id_numbers: [{ type: 'pan', value: 'AAACR5055K' }] }, { semantic })).toEqual({
      first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31', address: { country: 'GBR', postcode: 'SW1A 1AA' },
      id_numbers: [{ type: 'pan', value: 'AAACR5055K' }, { type: 'ssn', value: '123-45-6789' }],
    });
  });
  it('gives the live check the applicant with the semantic fields filled in', async () => {
    const req: ReportRequest = {
      kind: 'report', report: 'watchlist_report', task_id: 'watchlist', task_version: 1, config: {}, tasks: {}, semantic: { first_name: 'Jane' },
      run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox: false, applicant: {}, custom: {} },
    };
    let seen: unknown;
    await produceReport(req, new Date(), {
      loadApplicant: async () => ({ last_name: 'Doe' }), providers: () => ({}),
      live: async (ev) => { seen = ev.applicant; return report('clear') as never; },
    });
    expect(seen).toEqual({ first_name: 'Jane', last_name: 'Doe' });
  });
  it('ignores values of the wrong shape and annotations that are not applicant fields', () => {
    expect(withSemanticFields({}, { semantic: { first_name: 42, dob: 'yesterday', signup_tier: 'gold' } })).toEqual({});
  });
});
