import { matches, parsePattern, PatternError } from './pattern';

const event = {
  version: '0', id: 'e1', 'detail-type': 'workflow_run.completed', source: 'studio.workflows', account: '000000000000',
  time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: ['arn:aws:states:us-east-1:000000000000:execution:m:r1'],
  detail: { workflow_run_id: 'r1', status: 'approved', score: 0.8, tags: ['vip', 'eu'], result: { status: 'approved', reasons: null } },
};
const m = (p: object) => matches(parsePattern(p), event);

test('literals in an array are alternatives; every key must match', () => {
  expect(m({ source: ['studio.workflows'] })).toBe(true);
  expect(m({ source: ['other', 'studio.workflows'], 'detail-type': ['workflow_run.completed'] })).toBe(true);
  expect(m({ source: ['studio.workflows'], 'detail-type': ['workflow_task.started'] })).toBe(false);
});

test('nested detail and arrays in the event', () => {
  expect(m({ detail: { result: { status: ['approved'] } } })).toBe(true);
  expect(m({ detail: { result: { status: ['declined'] } } })).toBe(false);
  expect(m({ detail: { tags: ['eu'] } })).toBe(true);
  expect(m({ detail: { result: { reasons: [null] } } })).toBe(true);
  expect(m({ resources: [{ prefix: 'arn:aws:states:' }] })).toBe(true);
});

test('prefix, suffix, equals-ignore-case, wildcard', () => {
  expect(m({ 'detail-type': [{ prefix: 'workflow_run.' }] })).toBe(true);
  expect(m({ 'detail-type': [{ prefix: 'workflow_task.' }] })).toBe(false);
  expect(m({ 'detail-type': [{ prefix: { 'equals-ignore-case': 'WORKFLOW_RUN' } }] })).toBe(true);
  expect(m({ 'detail-type': [{ suffix: '.completed' }] })).toBe(true);
  expect(m({ source: [{ 'equals-ignore-case': 'STUDIO.Workflows' }] })).toBe(true);
  expect(m({ source: [{ wildcard: 'studio.*' }] })).toBe(true);
  expect(m({ source: [{ wildcard: 'aws.*' }] })).toBe(false);
});

test('anything-but: a value, a list, a prefix', () => {
  expect(m({ detail: { status: [{ 'anything-but': 'declined' }] } })).toBe(true);
  expect(m({ detail: { status: [{ 'anything-but': ['approved', 'review'] }] } })).toBe(false);
  expect(m({ detail: { status: [{ 'anything-but': { prefix: 'appr' } }] } })).toBe(false);
  expect(m({ detail: { tags: [{ 'anything-but': 'us' }] } })).toBe(true);
  expect(m({ detail: { tags: [{ 'anything-but': 'eu' }] } })).toBe(false);
  expect(m({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
});

test('exists, also for a whole missing object', () => {
  expect(m({ detail: { workflow_run_id: [{ exists: true }] } })).toBe(true);
  expect(m({ detail: { task_id: [{ exists: true }] } })).toBe(false);
  expect(m({ detail: { task_id: [{ exists: false }] } })).toBe(true);
  expect(m({ detail: { output: { x: [{ exists: false }] } } })).toBe(true);
  expect(m({ detail: { output: { x: [{ exists: true }] } } })).toBe(false);
});

test('numeric ranges and $or', () => {
  expect(m({ detail: { score: [{ numeric: ['>', 0.5, '<=', 1] }] } })).toBe(true);
  expect(m({ detail: { score: [{ numeric: ['<', 0.5] }] } })).toBe(false);
  expect(m({ detail: { status: [{ numeric: ['>', 0] }] } })).toBe(false);
  expect(m({ $or: [{ source: ['nope'] }, { detail: { status: ['approved'] } }] })).toBe(true);
  expect(m({ $or: [{ source: ['nope'] }, { detail: { status: ['declined'] } }] })).toBe(false);
});

test('bad patterns are rejected with the reason', () => {
  expect(() => parsePattern('{not json')).toThrow(PatternError);
  expect(() => parsePattern('[]')).toThrow('must be a JSON object');
  expect(() => m({ source: 'studio.workflows' })).toThrow('must be an array or an object');
  expect(() => m({ detail: { score: [{ numeric: ['~', 1] }] } })).toThrow('Unknown numeric operator');
});
