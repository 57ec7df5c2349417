/**
 * Where media objects live in the bucket, `<environment>/<applicant_id>/<kind>/<id>`: apart from
 * the S3 calls (store/s3.ts), so that code naming a key without calling S3 does not bundle them.
 */
export const mediaObjectKey = (environment: string, applicantId: string, kind: string, id: string) =>
  `${mediaPrefix(environment, applicantId)}${kind}/${id}`;
/** Every object of an applicant starts with this (its purge deletes them all: lambdas/lifecycle/media.ts). */
export const mediaPrefix = (environment: string, applicantId: string) => `${environment}/${applicantId}/`;
/** The kind (folder) of timeline files: `<environment>/<applicant_id>/timeline_files/<id>.pdf`. */
export const TIMELINE_FILES = 'timeline_files';
