/**
 * The event log that resend replays: the latest event per resource and event name
 * (`keys.event`). A run's completion and its review decision are recorded under the run id; a task event under the run
 * id with `<event>#<task id>`, so resending a task event by run id replays it for every task. A task event and a timeline
 * file event are also found by their own resource's id (the task's, the timeline file's: Onfido's `resource_id`) through
 * gsi2 (`keys.eventResource`), so the purge of the run's event partition removes them with the rest.
 * The same item carries the delivery state of each webhook (see webhooks/state.ts).
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { clients } from '../shared/aws';
import { config } from '../shared/config';
import { keys } from '../store/table';
import { BusEvent, EVENTS, EvidenceFolderDetail, ReviewCompletedDetail, RunCompletedDetail, TaskEventDetail, TimelineFileDetail } from './schemas';

export type RecordKey = { pk: string; sk: string };

/** The id of the resource an event is about when it is not its run: a task's, a timeline file's. */
function ownResourceId(event: BusEvent): string | undefined {
  const type = event['detail-type'];
  if (type === EVENTS.timelineFileCreated) {
    const d = TimelineFileDetail.safeParse(event.detail);
    return d.success ? d.data.timeline_file_id : undefined;
  }
  if (type === EVENTS.taskStarted || type === EVENTS.taskCompleted) {
    const d = TaskEventDetail.safeParse(event.detail);
    return d.success ? d.data.task_id : undefined;
  }
  return undefined;
}

/** Where an event is recorded, or undefined for events that are not replayable. */
export function recordKey(event: BusEvent): RecordKey | undefined {
  const type = event['detail-type'];
  if (type === EVENTS.runCompleted) {
    const d = RunCompletedDetail.safeParse(event.detail);
    return d.success ? keys.event(d.data.workflow_run_id, type) : undefined;
  }
  if (type === EVENTS.evidenceFolderCreated) {
    const d = EvidenceFolderDetail.safeParse(event.detail);
    return d.success ? keys.event(d.data.workflow_run_id, type) : undefined;
  }
  if (type === EVENTS.reviewCompleted) {
    const d = ReviewCompletedDetail.safeParse(event.detail);
    return d.success ? keys.event(d.data.workflow_run_id, type) : undefined;
  }
  if (type === EVENTS.timelineFileCreated) {
    const d = TimelineFileDetail.safeParse(event.detail);
    return d.success ? keys.event(d.data.workflow_run_id, `${type}#${d.data.timeline_file_id}`) : undefined;
  }
  if (type === EVENTS.taskStarted || type === EVENTS.taskCompleted) {
    const d = TaskEventDetail.safeParse(event.detail);
    return d.success ? keys.event(d.data.workflow_run_id, `${type}#${d.data.task_id}`) : undefined;
  }
  return undefined;
}

/** Detail fields that may hold personal data: a run's result, a task's input and output, a review's note. */
const PERSONAL = ['result', 'input', 'output', 'note'] as const;

/**
 * Records the event unless a newer one of the same resource and name is already there. `late`
 * (the webhook worker, whose messages may come days later: SQS retries, a redrive from a
 * dead-letter queue): undefined, nothing recorded, when the detail holds personal data and the
 * run's data has been purged meanwhile. That check is a transaction with the run (4 WRU, and far
 * dearer on DynamoDB Local than a write), so the publisher, which records as the event happens,
 * does not make it.
 */
export async function recordEvent(event: BusEvent, opts: { late?: boolean } = {}): Promise<RecordKey | undefined> {
  const key = recordKey(event);
  if (!key) return undefined;
  const detail = event.detail as Record<string, unknown>;
  const guarded = opts.late === true && PERSONAL.some((f) => detail[f] !== undefined && detail[f] !== null);
  const own = ownResourceId(event);
  const byResource = own === undefined ? undefined : keys.eventResource(own, event['detail-type']);
  const update = {
    TableName: config().TABLE_NAME, Key: key,
    UpdateExpression: 'SET event_id = :id, detail_type = :type, #source = :source, #time = :time, detail = :detail, '
      + `deliveries = if_not_exists(deliveries, :empty)${byResource ? ', gsi2pk = :rpk, gsi2sk = :rsk' : ''}`,
    ConditionExpression: 'attribute_not_exists(pk) OR event_id = :id OR #time <= :time',
    ExpressionAttributeNames: { '#source': 'source', '#time': 'time' },
    ExpressionAttributeValues: {
      ':id': event.id, ':type': event['detail-type'], ':source': event.source, ':time': event.time, ':detail': event.detail, ':empty': {},
      ...(byResource ? { ':rpk': byResource.gsi2pk, ':rsk': byResource.gsi2sk } : {}),
    },
  };
  try {
    if (!guarded) await clients().doc.send(new UpdateCommand(update));
    else {
      await clients().doc.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, {
        ConditionCheck: { TableName: config().TABLE_NAME, Key: keys.run(String(detail.workflow_run_id)), ConditionExpression: 'attribute_not_exists(purged_at)' },
      }] }));
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return key; // a newer one is recorded
    const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
    if (!(e instanceof Error && e.name === 'TransactionCanceledException') || !reasons) throw e;
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return undefined;
    if (reasons[0]?.Code !== 'ConditionalCheckFailed') throw e;
  }
  return key;
}

const Recorded = z.object({
  pk: z.string(), sk: z.string(), event_id: z.string(), detail_type: z.string(), source: z.string(), time: z.string(), detail: z.unknown(),
});

/**
 * Recorded events named `event` of a resource: of a run (task events: of its every task) by the run's event
 * partition (a consistent read), else of a task or a timeline file by gsi2 (eventually consistent, as an index is).
 */
export async function findEvents(resourceId: string, event: string): Promise<Array<{ key: RecordKey; event: BusEvent }>> {
  const { pk } = keys.event(resourceId, event);
  const res = await clients().doc.send(new QueryCommand({
    TableName: config().TABLE_NAME, ConsistentRead: true,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
    ExpressionAttributeValues: { ':pk': pk, ':event': event },
  }));
  const items = res.Items?.length ? res.Items : await byOwnResource(resourceId, event);
  return items.map((item) => Recorded.parse(item))
    .filter((r) => r.sk === event || r.sk.startsWith(`${event}#`))
    .map((r) => ({
      key: { pk: r.pk, sk: r.sk },
      event: { id: r.event_id, 'detail-type': r.detail_type, source: r.source, time: r.time, detail: r.detail },
    }));
}


/** The index finds the records; each is read again from the table (consistently), so one a purge has just deleted is not replayed from the index's copy. */
async function byOwnResource(resourceId: string, event: string): Promise<Array<Record<string, unknown>>> {
  const { gsi2pk, gsi2sk } = keys.eventResource(resourceId, event);
  const res = await clients().doc.send(new QueryCommand({
    TableName: config().TABLE_NAME, IndexName: 'gsi2', ProjectionExpression: 'pk, sk',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :event',
    ExpressionAttributeValues: { ':pk': gsi2pk, ':event': gsi2sk },
  }));
  const found = await Promise.all((res.Items ?? []).map(async (k) =>
    (await clients().doc.send(new GetCommand({ TableName: config().TABLE_NAME, Key: { pk: k.pk, sk: k.sk }, ConsistentRead: true }))).Item));
  return found.filter((i): i is Record<string, unknown> => i !== undefined);
}
