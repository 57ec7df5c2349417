/**
 * The stack's storage choices for throughput: DynamoDB Local's SQLite file in WAL mode (and
 * still durable across a restart), and the control plane's execution records written without
 * fsync in the files local/sfn reads.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { JsonFileStore } from '../sfn/service/store';
import { ImmutableCache, UnsyncedJsonFileStore } from './control-plane-stores';
import { canConnect, externalAddresses, listeningAddresses, loopbackOnly } from '../../test/helpers/listening';
import { ensureTable, SHARED_DB_FILE, startDynamoDb, useWal, type Checkpoint, type LocalDynamoDb } from './dynamodb';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'stack-storage-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const header = (file: string) => readFileSync(file).subarray(0, 20);

describe('useWal', () => {
  it('creates a new database file in WAL mode', () => {
    const file = path.join(dir, SHARED_DB_FILE);
    expect(useWal(file)).toBe(true);
    const h = header(file);
    expect(h.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect([h[18], h[19]]).toEqual([2, 2]);
  });

  it('switches a rollback-journal database, and leaves it alone while a journal must be replayed', () => {
    const file = path.join(dir, SHARED_DB_FILE);
    useWal(file);
    const b = readFileSync(file);
    b[18] = 1; b[19] = 1;
    writeFileSync(file, b);
    writeFileSync(`${file}-journal`, 'hot');
    expect(useWal(file)).toBe(false);
    expect([header(file)[18], header(file)[19]]).toEqual([1, 1]);
    rmSync(`${file}-journal`);
    expect(useWal(file)).toBe(true);
    expect([header(file)[18], header(file)[19]]).toEqual([2, 2]);
  });

  it('leaves a file that is not SQLite alone', () => {
    const file = path.join(dir, SHARED_DB_FILE);
    writeFileSync(file, 'not a database at all, just some text');
    expect(useWal(file)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('not a database at all, just some text');
  });
});

/**
 * One on-disk DynamoDB Local, then a restart on its folder: two JVM starts (the file went from 13.6 to 7.4 s of CPU) for
 * what five starts used to show. The tests run in order and share the folder.
 */
describe('DynamoDB Local on disk, and across a restart', () => {
  let folder: string;
  let ddb: LocalDynamoDb | undefined;
  const Key = { pk: { S: 'a' }, sk: { S: 'b' } };
  const walSize = () => { const wal = path.join(folder, `${SHARED_DB_FILE}-wal`); return existsSync(wal) ? statSync(wal).size : 0; };
  const fill = async (client: ReturnType<LocalDynamoDb['client']>, n: number) => {
    for (let i = 0; i < n; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => client.send(new PutItemCommand({ TableName: 'studio', Item: { pk: { S: `p${i + j}` }, sk: { S: 's' }, v: { S: 'x'.repeat(2000) } } }))));
    }
  };
  let seen: (c: Checkpoint) => void = () => undefined;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'stack-storage-ddb-'));
    ddb = await startDynamoDb({ dataDir: folder, checkpointEveryMs: 200, onCheckpoint: (c) => seen(c) });
  }, 120_000);
  afterAll(async () => { await ddb?.stop(); rmSync(folder, { recursive: true, force: true }); });

  it('listens on loopback only, not on the machine\'s other addresses', async () => {
    const { port } = ddb!;
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
    expect(loopbackOnly(port)).toBe(true);
    for (const address of externalAddresses()) expect(await canConnect(address, port)).toBe(false);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
  });

  it('commits without an fsync each (synchronous=NORMAL, read back from its connection)', async () => {
    expect(ddb!.synchronous).toBe('normal');
    await ensureTable(ddb!.client(), 'studio');
    await ddb!.client().send(new PutItemCommand({ TableName: 'studio', Item: { ...Key, v: { S: 'kept' } } }));
  });

  it('answers a transaction only after its COMMIT has run (the launcher\'s mark), other calls unmarked', async () => {
    // DynamoDB Local queues a transaction's COMMIT and answers without waiting: a SIGKILL in
    // between lost acknowledged writes (npm run bench:kill). The launcher holds the answer.
    const call = (target: string, body: unknown) => fetch(ddb!.endpoint, {
      method: 'POST', body: JSON.stringify(body),
      headers: {
        'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${target}`,
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
    });
    const item = (pk: string) => ({ TableName: 'studio', Item: { pk: { S: pk }, sk: { S: 'tx' } } });
    const tx = await call('TransactWriteItems', { TransactItems: [{ Put: item('tx1') }, { Put: item('tx2') }] });
    expect([tx.status, tx.headers.get('x-studio-committed')]).toEqual([200, '1']);
    const cancelled = await call('TransactWriteItems', { TransactItems: [{ Put: { ...item('tx1'), ConditionExpression: 'attribute_not_exists(pk)' } }] });
    expect([cancelled.status, cancelled.headers.get('x-studio-committed')]).toEqual([400, '1']);
    const put = await call('PutItem', item('plain'));
    expect([put.status, put.headers.get('x-studio-committed')]).toEqual([200, null]);
  });

  it('checkpoints the write-ahead log periodically so that it is reused, and deletes it on stop', async () => {
    const client = ddb!.client();
    await fill(client, 200);
    expect(walSize()).toBeGreaterThan(0);
    const fullCheckpoint = () => new Promise<Checkpoint>((resolve) => { seen = (c) => { if (c.busy === 0 && c.log > 0 && c.log === c.checkpointed) resolve(c); }; });
    expect((await fullCheckpoint()).checkpointed).toBeGreaterThan(0);
    // Every frame is in the database: the next write starts the WAL over instead of growing it.
    // A write that meets the next periodic checkpoint's connection (it holds a read for a moment)
    // appends instead, as SQLite does; so up to 3 tries, each right after a full checkpoint, and
    // at least one must reuse the WAL (without the checkpoints every one grows it).
    const reused: boolean[] = [];
    for (let i = 0; i < 3 && !reused.includes(true); i++) {
      if (i > 0) await fullCheckpoint();
      const high = walSize();
      await client.send(new PutItemCommand({ TableName: 'studio', Item: { pk: { S: `again${i}` }, sk: { S: 's' }, v: { S: 'x'.repeat(2000) } } }));
      reused.push(walSize() === high);
    }
    expect(reused).toContain(true);
    await ddb!.stop();
    ddb = undefined;
    expect(walSize()).toBe(0);
  });

  it('keeps its data across a restart, and fsyncs every commit when asked (synchronous=FULL)', async () => {
    ddb = await startDynamoDb({ dataDir: folder, checkpointEveryMs: 0, fsyncEveryCommit: true });
    expect(ddb.synchronous).toBe('full');
    const got = await ddb.client().send(new GetItemCommand({ TableName: 'studio', Key, ConsistentRead: true }));
    expect(got.Item?.v).toEqual({ S: 'kept' });
    const filled = await ddb.client().send(new GetItemCommand({ TableName: 'studio', Key: { pk: { S: 'p199' }, sk: { S: 's' } }, ConsistentRead: true }));
    expect(filled.Item?.v?.S).toHaveLength(2000);
    expect([header(path.join(folder, SHARED_DB_FILE))[18]]).toEqual([2]);
  }, 120_000);
});

describe('control-plane stores', () => {
  it('execution records written without fsync are the files JsonFileStore reads', async () => {
    const files = new JsonFileStore<{ n: number }>(dir);
    const unsynced = new UnsyncedJsonFileStore<{ n: number }>(dir, files);
    await unsynced.put('arn:aws:states:us-east-1:0:execution:m:x', { n: 1 });
    expect(await new JsonFileStore<{ n: number }>(dir).get('arn:aws:states:us-east-1:0:execution:m:x')).toEqual({ n: 1 });
    await files.put('k2', { n: 2 });
    expect(await unsynced.get('k2')).toEqual({ n: 2 });
    expect((await unsynced.list()).map((v) => v.n).sort()).toEqual([1, 2]);
  });

  it('the revision cache reads once and hands out copies', async () => {
    const files = new JsonFileStore<{ d: string[] }>(dir);
    await files.put('r1', { d: ['a'] });
    const cache = new ImmutableCache(files);
    const a = await cache.get('r1');
    a!.d.push('mutated');
    rmSync(dir, { recursive: true, force: true });
    expect(await cache.get('r1')).toEqual({ d: ['a'] });
    expect(await cache.get('missing')).toBeUndefined();
  });
});
