/**
 * One size limit for requests and responses, in AWS and locally alike: what fits Lambda's 6 MB
 * synchronous payload once API Gateway has base64-encoded the body (4 bytes for every 3), with
 * room for the event's headers and request context. Onfido allows 10 MB uploads; here a bigger
 * body is a 413 with Onfido's error body (also from CloudFront, before it reaches Lambda: see
 * lib/hosting.ts), and a stored file bigger than this is downloaded through a presigned URL.
 */
export const LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** Headers, request context and JSON framing of the event (HTTP API allows 10 KB of headers). */
export const EVENT_OVERHEAD_BYTES = 64 * 1024;
/** 4,669,440 bytes (about 4.45 MiB): the largest request body, and the largest download sent inline. */
export const MAX_PAYLOAD_BYTES = Math.floor(((LAMBDA_PAYLOAD_BYTES - EVENT_OVERHEAD_BYTES) * 3) / 4);
/** How long a presigned download URL works. */
export const DOWNLOAD_URL_SECONDS = 300;

/**
 * Direct uploads to S3 (routes/uploads.ts), which never pass through Lambda: Onfido's 10 MB for
 * documents and photos, 50 MB for videos. Up to SINGLE_POST_BYTES a file is one presigned POST
 * (retried whole); above it, parts of PART_BYTES (S3's smallest part but the last).
 */
export const MB = 1024 * 1024;
export const DIRECT_UPLOAD_BYTES = { documents: 10 * MB, live_photos: 10 * MB, live_videos: 50 * MB, motion_captures: 50 * MB } as const;
export const SINGLE_POST_BYTES = 5 * MB;
export const PART_BYTES = 5 * MB;
/** How long presigned upload URLs work (GET /v3.6/uploads/{id} gives new ones). */
export const UPLOAD_URL_SECONDS = 900;
