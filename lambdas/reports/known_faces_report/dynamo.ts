/**
 * Known faces in DynamoDB: one item per face (`keys.face`: `FACES#<environment>`,
 * `<applicant id>#<media id>`), the embedding as Float32 bytes (little-endian, as on every Lambda
 * architecture). A process loads them once into the brute-force `InMemoryFaceIndex`; before every
 * search and add it reads the faces stored since, by any container, through gsi1
 * (`keys.faces`, `<created_at>#<media id>`). That read starts `FACE_REFRESH_OVERLAP_MS` before
 * the newest face it has seen: a face stamped earlier but visible later (a slow write, gsi1's
 * eventual consistency, writers' clocks apart) is still picked up; duplicates are skipped.
 */
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { FaceEngineError } from '../face/errors';
import { InMemoryFaceIndex } from './in-memory';
import type { FaceEntry, FaceIndexStore, FaceMatch, SearchOptions } from './store';
import { clients } from '../../shared/aws';
import { config } from '../../shared/config';
import { systemRuntime, type Runtime } from '../../shared/ids';
import { isConditionFailure } from '../../store/runs';
import { createdKey, keys } from '../../store/table';

export const FACE_REFRESH_OVERLAP_MS = 30_000;

const FaceItem = z.object({
  applicant_id: z.string().min(1), media_id: z.string().min(1), created_at: z.string().datetime(),
  embedding: z.instanceof(Uint8Array).refine((b) => b.length > 0 && b.length % 4 === 0, 'must hold Float32 values'),
});
type FaceItem = z.infer<typeof FaceItem>;

export class DynamoFaceIndex implements FaceIndexStore {
  private readonly memory = new InMemoryFaceIndex();
  private readonly seen = new Set<string>();
  /** `created_at` of the newest face held; undefined until the first load. */
  private newest: string | undefined;
  private pulling: Promise<void> = Promise.resolve();

  /**
   * `environment`: 'live' or 'sandbox' (tests use their own names to stay apart). `uploadsOnly`
   * (default): a face is stored only while its upload's item exists, in one transaction, so a
   * report that finishes after a purge removed the upload never stores the face again (the
   * purges delete the upload items before the faces). Off only for tests of the index alone.
   */
  constructor(private readonly environment: string, private readonly rt: Runtime = systemRuntime, private readonly opts: { uploadsOnly: boolean } = { uploadsOnly: true }) {}

  async add({ applicantId, mediaId, embedding }: FaceEntry): Promise<void> {
    await this.sync();
    const dims = this.memory.dimensions;
    if (dims > 0 && embedding.length !== dims) throw new FaceEngineError(`Embedding of ${mediaId} has ${embedding.length} dims, the index holds ${dims}`);
    const key = keys.face(this.environment, applicantId, mediaId);
    if (this.seen.has(key.sk)) return;
    const item: FaceItem = { applicant_id: applicantId, media_id: mediaId, created_at: this.rt.now().toISOString(), embedding: toBytes(embedding) };
    const put = { TableName: config().TABLE_NAME, ConditionExpression: 'attribute_not_exists(pk)', Item: { ...key, gsi1pk: keys.faces(this.environment), gsi1sk: createdKey(item.created_at, mediaId), ...item } };
    try {
      if (!this.opts.uploadsOnly) await clients().doc.send(new PutCommand(put));
      else {
        await clients().doc.send(new TransactWriteCommand({ TransactItems: [
          { Put: put }, { ConditionCheck: { TableName: config().TABLE_NAME, Key: keys.media(mediaId), ConditionExpression: 'attribute_exists(pk)' } },
        ] }));
      }
    } catch (e) {
      if (!isConditionFailure(e) && !(e instanceof Error && e.name === 'TransactionCanceledException')) throw e;
      return; // stored already (a retried report: the next read brings it in if it is not held), or its upload purged
    }
    this.remember(item);
  }

  async search(embedding: Float32Array, options: SearchOptions): Promise<FaceMatch[]> {
    await this.sync();
    return this.memory.search(embedding, options);
  }

  async size(): Promise<number> {
    await this.sync();
    return this.memory.size();
  }

  /** Reads the faces stored since the last read (all of them the first time); one read at a time. */
  sync(): Promise<void> {
    this.pulling = this.pulling.then(() => this.pull(), () => this.pull());
    return this.pulling;
  }

  private async pull(): Promise<void> {
    const from = this.newest ? new Date(Date.parse(this.newest) - FACE_REFRESH_OVERLAP_MS).toISOString() : undefined;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await clients().doc.send(new QueryCommand({
        TableName: config().TABLE_NAME, IndexName: 'gsi1', ExclusiveStartKey: start,
        KeyConditionExpression: from ? 'gsi1pk = :pk AND gsi1sk >= :from' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.faces(this.environment), ...(from ? { ':from': from } : {}) },
      }));
      for (const raw of out.Items ?? []) this.remember(FaceItem.parse(raw));
      start = out.LastEvaluatedKey;
    } while (start);
  }

  private remember(item: FaceItem): void {
    const sk = keys.face(this.environment, item.applicant_id, item.media_id).sk;
    if (this.seen.has(sk)) return;
    this.memory.addSync({ applicantId: item.applicant_id, mediaId: item.media_id, embedding: fromBytes(item.embedding) });
    this.seen.add(sk);
    if (!this.newest || item.created_at > this.newest) this.newest = item.created_at;
  }
}

const toBytes = (v: Float32Array): Uint8Array<ArrayBuffer> => new Uint8Array(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
/** A copy: the item's bytes may not sit on a 4-byte boundary. */
const fromBytes = (b: Uint8Array): Float32Array => new Float32Array(new Uint8Array(b).buffer);
