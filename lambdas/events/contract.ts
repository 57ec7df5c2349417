/** The event contract in one import: detail schemas, names, and `publish`. */
export * from './schemas';
export { publish, publishRedelivery, PublishError, requestTimelineFile } from './publish';
export { findEvents, recordEvent, recordKey, type RecordKey } from './record';
