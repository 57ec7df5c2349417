/**
 * Helpers of the lifecycle tests: a sandbox document + selfie run to its end, and where personal
 * data could remain on the local stack (every DynamoDB item, by Scan: tests may, product code may
 * not; every S3 object; the engine's journals and the bus's pending deliveries under a data folder).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { resetConfig } from '../../lambdas/shared/config';
import { findTemplate } from '../../compiler';
import type { TestStack } from '../helpers/stack';
import { e2e, type Json } from '../e2e/helpers';

export const ENDED = ['approved', 'review', 'declined', 'abandoned', 'error'];

/** The sandbox retention for the functions of this process (`STUDIO_RETENTION_DAYS_SANDBOX`; undefined: off). */
export function setRetention(days: string | undefined): void {
  if (days === undefined) delete process.env.STUDIO_RETENTION_DAYS_SANDBOX; else process.env.STUDIO_RETENTION_DAYS_SANDBOX = days;
  resetConfig();
}

export function lifecycleKit(stack: TestStack) {
  const t = e2e(stack);
  const credentials = { accessKeyId: stack.env.AWS_ACCESS_KEY_ID, secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY };
  const ddb = new DynamoDBClient({ region: stack.env.AWS_REGION, endpoint: stack.endpoints.dynamodb, credentials });
  const s3 = new S3Client({ region: stack.env.AWS_REGION, endpoint: stack.endpoints.s3, credentials, forcePathStyle: true });
  let workflowId: string | undefined;

  /** A sandbox document + selfie run of a new applicant, to its end. */
  async function finishedRun(applicant: Json = {}) {
    workflowId ??= await t.workflow(findTemplate('document_selfie_photo')!.definition);
    const applicantId = await t.applicant(applicant);
    const sdk = await t.sdkToken(applicantId);
    const run = await t.startRun(workflowId, applicantId, { custom_data: { note: 'custom data of the run' } });
    const media: string[] = [];
    for (const [task, kind, fields] of [['document', 'documents', { type: 'passport', side: 'front', issuing_country: 'GBR' }], ['selfie', 'live_photos', {}]] as const) {
      await t.until(run.id, ['awaiting_input']);
      const waiting = await t.waitingTask(run.id, task);
      const id = await t.upload(kind, applicantId, sdk, fields);
      media.push(id);
      expect((await t.complete(run.id, waiting.id, [{ id }], sdk)).status).toBe(200);
    }
    const end = await t.until(run.id, ENDED);
    return { applicantId, runId: run.id, media, end };
  }

  /** Every item of the table as JSON text. */
  async function tableText(): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
    do {
      const page = await ddb.send(new ScanCommand({ TableName: stack.env.TABLE_NAME, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) out.push(JSON.stringify(unmarshall(item), (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** Every object of the bucket: key and bytes. */
  async function bucketObjects(prefix = ''): Promise<Array<{ key: string; bytes: Buffer }>> {
    const out: Array<{ key: string; bytes: Buffer }> = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.BUCKET_NAME, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const body = await s3.send(new GetObjectCommand({ Bucket: stack.env.BUCKET_NAME, Key: o.Key! }));
        out.push({ key: o.Key!, bytes: Buffer.from(await body.Body!.transformToByteArray()) });
      }
      token = page.NextContinuationToken;
    } while (token);
    return out;
  }

  const sfn = new SFNClient({ region: stack.env.AWS_REGION, endpoint: stack.endpoints.sfn, credentials });
  /** Every event of a run's execution history (GetExecutionHistory on the stack's engine: each state's input, output, assigned variables), as JSON text. */
  async function executionHistory(runId: string): Promise<string[]> {
    const run = await ddb.send(new GetItemCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: { S: `RUN#${runId}` }, sk: { S: 'RUN' } } }));
    const executionArn = run.Item?.execution_arn?.S;
    if (!executionArn) throw new Error(`run ${runId} has no execution`);
    const out: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: true, nextToken }));
      for (const e of page.events ?? []) out.push(JSON.stringify(e));
      nextToken = page.nextToken;
    } while (nextToken);
    return out;
  }

  const close = () => { ddb.destroy(); s3.destroy(); sfn.destroy(); };
  return { t, finishedRun, tableText, bucketObjects, executionHistory, close };
}

/** Files under a folder (recursively, but not in the `skip` folders directly under it) whose bytes contain any of the needles. */
export function filesContaining(dir: string, needles: Buffer[], skip: readonly string[] = []): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (d === dir && skip.includes(name)) continue;
      if (statSync(p).isDirectory()) walk(p);
      else { const bytes = readFileSync(p); if (needles.some((n) => bytes.includes(n))) hits.push(p); }
    }
  };
  walk(dir);
  return hits;
}
