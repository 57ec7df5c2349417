/** The event contract in one import: detail schemas, names, and `publish`. */
export * from './schemas';
export { publish, publishRedelivery, PublishError, requestTimelineFile, type Copy } from './publish';
export { deliverPendingEvents, PENDING_GRACE_MS, publishPending, type TaskDetails } from './pending';
export { findEvents, recordEvent, recordKey, type RecordKey } from './record';
