/**
 * Each live check reads only the earlier tasks its report type `uses` in the registry (what a
 * compiled workflow sends it): a request offering every task type records which ones are read.
 */
import { MEDIA_CAPTURES, REPORT_TYPES, reportUses, TASK_TYPES, type ReportRequest, type ReportType } from '../../compiler';
import { notFound } from '../shared/errors';
import { CHECKS, useFaceIndexes } from './dispatch';

// No storage in a unit test: every upload is missing, so a check stops at its first load.
jest.mock('../store/media', () => ({
  ...jest.requireActual<object>('../store/media'),
  loadMedia: async (id: string) => { throw notFound('Media', id); },
}));

const outputOf = (type: string): unknown => ((MEDIA_CAPTURES as readonly string[]).includes(type) ? [{ id: `${type}-media` }]
  : { result: 'clear', first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31', pan: 'ABCPD1234K', extracted_data: { first_name: 'Jane' } });

/** A request offering an output of every task type; `read` collects the types a check looked at. */
function offeringEverything(report: ReportType, read: Set<string>): ReportRequest {
  const tasks = Object.fromEntries(TASK_TYPES.map((t) => [t, { task_id: `${t}_1`, output: outputOf(t) }]));
  return {
    kind: 'report', report, task_id: report, task_version: 1, config: report === 'facial_similarity_report' ? { variant: 'photo' } : {},
    run: { workflow_run_id: 'run-1', applicant_id: 'app-1', sandbox: false, applicant: {}, custom: {} },
    tasks: new Proxy(tasks, {
      get: (target, key) => { if (typeof key === 'string') read.add(key); return target[key as string]; },
      ownKeys: (target) => { read.add('*every key*'); return Reflect.ownKeys(target); },
    }),
  };
}

beforeAll(() => useFaceIndexes(() => { throw new Error('the known-faces index is not reached: the upload is missing first'); }));

it.each(REPORT_TYPES)('%s reads only the earlier tasks it uses', async (report) => {
  const read = new Set<string>();
  await CHECKS[report]({ req: offeringEverything(report, read), applicant: { first_name: 'Jane', last_name: 'Doe', dob: '1990-01-31' }, now: new Date('2026-11-25T12:00:00Z') })
    .catch(() => undefined); // a missing upload or thin data ends most checks; only what they read matters here
  expect([...read].filter((t) => !reportUses(report).includes(t as never))).toEqual([]);
});
