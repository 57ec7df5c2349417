/**
 * The single DynamoDB table and its key design (ARCHITECTURE.md lists the access patterns).
 * Every item has `pk` and `sk`; lists use the global secondary indexes, never scans:
 *  - gsi1 (`gsi1pk`, `gsi1sk`): a collection in creation order (`<created_at>#<id>`)
 *  - gsi2 (`gsi2pk`, `gsi2sk`): a second collection (runs by applicant, media by applicant, a recorded
 *    task or timeline file event by that resource's id)
 *  - by_status (`status`, `gsi1sk`): workflow runs (and any other item with both attributes) by
 *    status in creation order, both environments together: read only by walks over every run of a
 *    status (runs/resume.ts: `processing`; results/review-upkeep.ts: `review`), and by status lists
 *    until the walk giving older runs their `env_status` is done (store/status-key.ts)
 *  - review_queue (`review_queue`, `gsi1sk`), sparse: runs waiting for a review decision, per
 *    environment, in creation order (the attribute is set when a run ends `review` and removed
 *    by the write that records the decision: store/reviews.ts)
 *  - by_env_status (`env_status` = `<environment>#<status>`, `gsi1sk`), sparse (runs only): the
 *    runs of one environment and status in creation order, what status lists read
 *    (runs/list.ts, results/search.ts). Written with every write of a run's status, by the back
 *    end and by compiled state machines (compiler/runtime-contract.ts runStatusKey).
 * CloudFormation adds or deletes at most one global secondary index per stack update: a release
 * changes at most one index here (the local stack adds each missing one: local/stack/dynamodb.ts).
 */
import { RUN_KEY } from '../../compiler';

export const TABLE_KEYS = {
  partitionKey: 'pk', sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'by_status', partitionKey: 'status', sortKey: 'gsi1sk' },
    { name: 'review_queue', partitionKey: 'review_queue', sortKey: 'gsi1sk' },
    { name: 'by_env_status', partitionKey: 'env_status', sortKey: 'gsi1sk' },
  ],
  /** Items with `expires_at` (epoch seconds) are deleted by DynamoDB TTL. */
  ttlAttribute: 'expires_at_epoch',
} as const;

/** The sort keys of dead letters in a run's event partition start with this (no event name does). */
export const DEAD_LETTER_PREFIX = 'DEADLETTER#';

/** Keys of every entity. The run key is also written by compiled state machines (compiler/lower/result.ts). */
export const keys = {
  applicant: (id: string) => ({ pk: `APPLICANT#${id}`, sk: 'APPLICANT' }),
  applicants: (env: string) => `APPLICANTS#${env}`,
  /** gsi2, sparse: applicants not scheduled for deletion (removed on DELETE, set again on restore). */
  activeApplicants: (env: string) => `APPLICANTS#${env}#ACTIVE`,
  media: (id: string) => ({ pk: `MEDIA#${id}`, sk: 'MEDIA' }),
  /** A direct upload to S3 waiting for its confirmation (store/uploads.ts; TTL a day); confirmed, its media item has the same id. */
  upload: (id: string) => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' }),
  /** gsi1: the direct uploads of an applicant (pending or confirmed, until their TTL), for its purge and its runs' retention (store/uploads-of.ts). */
  uploadsOfApplicant: (applicantId: string) => `APPLICANT#${applicantId}#UPLOADS`,
  mediaOfApplicant: (applicantId: string, kind: string) => `APPLICANT#${applicantId}#${kind}`,
  workflow: (id: string) => ({ pk: `WORKFLOW#${id}`, sk: 'WORKFLOW' }),
  /** gsi1: the workflows of an environment. */
  workflows: (env: string) => `WORKFLOWS#${env}`,
  /** gsi1 of workflows written before workflows had an environment; they belong to live (store/workflows.ts). */
  legacyWorkflows: 'WORKFLOWS',
  version: (workflowId: string, version: number) => ({ pk: `WORKFLOW#${workflowId}`, sk: `VERSION#${String(version).padStart(6, '0')}` }),
  versionPrefix: 'VERSION#',
  run: (id: string) => ({ pk: `${RUN_KEY.pkPrefix}${id}`, sk: RUN_KEY.sk }),
  runs: (env: string) => `RUNS#${env}`,
  runsOfApplicant: (applicantId: string) => `APPLICANT#${applicantId}#RUNS`,
  /** review_queue, sparse: the runs of an environment waiting for a review decision (store/reviews.ts). */
  reviewQueue: (env: string) => `REVIEW#${env}`,
  /** An event written with the change it announces, until it is on the bus (store/pending-events.ts, events/pending.ts): one partition, oldest first. */
  pendingEvent: (at: string, id: string) => ({ pk: 'PENDING_EVENTS', sk: `${at}#${id}` }),
  /** A report decision whose task token may not have reached Step Functions yet (results/report-review.ts): oldest first. */
  pendingReportDecision: (at: string, id: string) => ({ pk: 'PENDING_REPORT_DECISIONS', sk: `${at}#${id}` }),
  /** How far the one-off walk giving review runs ended before the review_queue index their key has gone (results/review-upkeep.ts). */
  reviewQueueBackfill: (env: string) => ({ pk: 'REVIEW_QUEUE_BACKFILL', sk: env }),
  task: (runId: string, taskId: string) => ({ pk: `${RUN_KEY.pkPrefix}${runId}`, sk: `TASK#${taskId}` }),
  taskPrefix: 'TASK#',
  /** A timeline file asked for on a run (store/evidence.ts), in the run's partition. */
  timelineFile: (runId: string, id: string) => ({ pk: `${RUN_KEY.pkPrefix}${runId}`, sk: `TIMELINE_FILE#${id}` }),
  webhook: (id: string) => ({ pk: `WEBHOOK#${id}`, sk: 'WEBHOOK' }),
  webhooks: () => 'WEBHOOKS',
  /** A webhook's dead letter of an event, in its run's event partition (`record`: the event's record key), so a purge of the run finds it by a consistent Query. */
  deadLetter: (record: { pk: string }, webhookId: string, eventId: string) => ({ pk: record.pk, sk: `${DEAD_LETTER_PREFIX}${webhookId}#${eventId}` }),
  /** Where dead letters were kept before they moved to their run's partition (a purge still deletes them there). */
  legacyDeadLetter: (webhookId: string, eventId: string) => ({ pk: `DEADLETTER#${webhookId}`, sk: eventId }),
  event: (resourceId: string, event: string) => ({ pk: `EVENT#${resourceId}`, sk: event }),
  /** gsi2 of a recorded task or timeline file event (kept in its run's partition): by the task's or timeline file's id. */
  eventResource: (resourceId: string, event: string) => ({ gsi2pk: `EVENT_RESOURCE#${resourceId}`, gsi2sk: event }),
  apiToken: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  /** An Idempotency-Key of an environment (by its SHA-256), kept 24 h (store/idempotency.ts). */
  idempotency: (env: string, keyHash: string) => ({ pk: `IDEMPOTENCY#${env}#${keyHash}`, sk: 'IDEMPOTENCY' }),
  /** gsi2 of an Idempotency-Key whose answer holds an applicant's resource (sk `RESOURCE#<id>`): erased with them (store/idempotency.ts). */
  idempotencyOfApplicant: (applicantId: string) => `APPLICANT#${applicantId}#IDEMPOTENCY`,
  /** gsi1: the API tokens of an environment (store/api-tokens.ts). */
  apiTokens: (env: string) => `API_TOKENS#${env}`,
  /** A fixed-window rate limit counter (store/rate-limits.ts): `name` the rule, `key` e.g. a client IP, `window` its start (epoch seconds). */
  rateLimit: (name: string, key: string, window: number) => ({ pk: `RATE#${name}#${key}`, sk: String(window) }),
  /** Known faces (reports/known_faces_report/dynamo.ts): one item per stored face, unique per media id, per environment. */
  face: (env: string, applicantId: string, mediaId: string) => ({ pk: `FACES#${env}`, sk: `${applicantId}#${mediaId}` }),
  /** gsi1: the faces of an environment in the order they were stored (`createdKey`), read incrementally. */
  faces: (env: string) => `FACES#${env}`,
  /** Applicants waiting for their purge, in due order (store/lifecycle.ts): one partition, read from its start up to now. */
  purgeDue: (dueAt: string, applicantId: string) => ({ pk: 'PURGE_DUE', sk: `${dueAt}#${applicantId}` }),
  /** Erasure records of an applicant (store/erasures.ts): `APPLICANT` for its purge, `RUN#<id>` for a run purged by retention. */
  erasure: (applicantId: string, what: string) => ({ pk: `ERASURE#${applicantId}`, sk: what }),
  /** How far the retention sweep of an environment has gone through its runs (gsi1 `RUNS#<env>`). */
  retentionCursor: (env: string) => ({ pk: 'RETENTION', sk: env }),
  /** How far the sweep for runs whose start a crash cut short has gone through `processing` runs (runs/resume.ts, by_status). */
  resumeCursor: () => ({ pk: 'RESUME', sk: 'processing' }),
  /** How far the one-off walk for applicants deleted before purges were scheduled has gone (lifecycle/backfill.ts). */
  deletionBackfill: (env: string) => ({ pk: 'DELETION_BACKFILL', sk: env }),
  /** How far the one-off walk giving index items their run's status has gone (results/index-backfill.ts). */
  resultsIndexBackfill: (env: string) => ({ pk: 'RESULTS_INDEX_BACKFILL', sk: env }),
  /** How far the one-off walk giving runs their full-name index keys has gone (results/index-backfill.ts). */
  resultsNameKeysBackfill: (env: string) => ({ pk: 'RESULTS_INDEX_BACKFILL', sk: `${env}#name_keys` }),
  /** How far the one-off walk giving runs their `env_status` (by_env_status) has gone (store/status-key.ts). */
  statusKeysBackfill: (env: string) => ({ pk: 'STATUS_KEYS_BACKFILL', sk: env }),
} as const;

/** `<created_at>#<id>`: sorts by time, unique. */
export const createdKey = (createdAt: string, id: string) => `${createdAt}#${id}`;
