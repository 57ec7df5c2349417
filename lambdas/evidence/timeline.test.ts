/**
 * The timeline (pure part): deliveries to the run's environment's webhooks with their answers at
 * their own time (another environment's webhooks left out), and extra events in time order; a Motion
 * task completed with no upload names what the device lacked.
 */
import type { RunItem } from '../store/runs';
import type { TaskItem } from '../store/tasks';
import { timelineOf } from './timeline';

const run = {
  id: 'r1', environment: 'sandbox', workflow_id: 'w1', workflow_version_id: 2, status: 'approved', created_at: '2026-01-01T10:00:00.000Z',
  updated_at: '2026-01-01T10:05:00.000Z', completed_at: '2026-01-01T10:05:00.000Z',
} as RunItem;

it('shows each delivery’s answer (status, attempts, error) at its time, and the extra events in order', () => {
  const recorded = [{
    sk: 'workflow_run.completed', time: '2026-01-01T10:05:01.000Z', detail_type: 'workflow_run.completed',
    deliveries: {
      'wh1#d1': { status: 'delivered', at: '2026-01-01T10:05:09.000Z', attempts: 2, owner: 'sandbox' as const },
      'wh2#d1': { status: 'dead', at: '2026-01-01T10:06:00.000Z', attempts: 5, error: 'HTTP 500', owner: 'sandbox' as const },
      'wh3#d1': { status: 'delivered', at: '2026-01-01T10:05:08.000Z', attempts: 1, owner: 'live' as const },
      'wh4#d1': { status: 'delivered', at: '2026-01-01T10:05:07.000Z', attempts: 1 },
    },
  }];
  const extra = [{ at: '2026-01-01T10:01:00.000Z', kind: 'retry', description: 'Task again (retry): retry 1 of the route' }];
  expect(timelineOf(run, [], recorded, extra).map((e) => `${e.at.slice(11, 19)} ${e.description}`)).toEqual([
    '10:00:00 Workflow run created (workflow w1, version 2)',
    '10:01:00 Task again (retry): retry 1 of the route',
    '10:05:00 Workflow run ended: approved',
    '10:05:01 Event workflow_run.completed published',
    '10:05:09 Webhook wh1: workflow_run.completed delivered after 2 attempts',
    '10:06:00 Webhook wh2: workflow_run.completed dead after 5 attempts (HTTP 500)',
  ]);
});

it('names what the device lacked when a Motion task completed with no upload', () => {
  const at = '2026-01-01T10:02:00.000Z';
  const motion = { workflow_task_id: 'motion', task_type: 'face_capture_motion', status: 'completed', created_at: at, updated_at: at, output: [],
    motion_unsupported: { reasons: ['no_media_recorder', 'no_webgl'] } } as unknown as TaskItem;
  expect(timelineOf(run, [motion], []).map((e) => e.description)).toContain(
    'Task motion (face_capture_motion) completed with no upload: the device cannot run Motion (no_media_recorder, no_webgl)');
});
