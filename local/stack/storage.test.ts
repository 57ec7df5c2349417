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
import { ensureTable, SHARED_DB_FILE, startDynamoDb, useWal, type Checkpoint } from './dynamodb';

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

  // One restart for both (a DynamoDB Local start is a JVM start): the first start relaxed, the second strict.
  it('DynamoDB Local on disk keeps its data across a restart, and commits without an fsync each (synchronous=NORMAL, read back from its connection) unless asked', async () => {
    const Key = { pk: { S: 'a' }, sk: { S: 'b' } };
    const relaxed = await startDynamoDb({ dataDir: dir, checkpointEveryMs: 0 });
    try {
      expect(relaxed.synchronous).toBe('normal');
      await ensureTable(relaxed.client(), 'studio');
      await relaxed.client().send(new PutItemCommand({ TableName: 'studio', Item: { ...Key, v: { S: 'kept' } } }));
    } finally { await relaxed.stop(); }
    const strict = await startDynamoDb({ dataDir: dir, checkpointEveryMs: 0, fsyncEveryCommit: true });
    try {
      expect(strict.synchronous).toBe('full');
      const got = await strict.client().send(new GetItemCommand({ TableName: 'studio', Key, ConsistentRead: true }));
      expect(got.Item?.v).toEqual({ S: 'kept' });
    } finally { await strict.stop(); }
    expect([header(path.join(dir, SHARED_DB_FILE))[18]]).toEqual([2]);
  }, 120_000);
});

describe('DynamoDB Local', () => {
  const walSize = () => { const wal = path.join(dir, `${SHARED_DB_FILE}-wal`); return existsSync(wal) ? statSync(wal).size : 0; };
  const fill = async (client: ReturnType<Awaited<ReturnType<typeof startDynamoDb>>['client']>, n: number) => {
    for (let i = 0; i < n; i += 25) {
      await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => client.send(new PutItemCommand({ TableName: 'studio', Item: { pk: { S: `p${i + j}` }, sk: { S: 's' }, v: { S: 'x'.repeat(2000) } } }))));
    }
  };

  it('listens on loopback only, not on the machine\'s other addresses', async () => {
    const ddb = await startDynamoDb();
    try {
      expect(listeningAddresses(ddb.port)).toEqual(['127.0.0.1']);
      expect(loopbackOnly(ddb.port)).toBe(true);
      for (const address of externalAddresses()) expect(await canConnect(address, ddb.port)).toBe(false);
      expect(await canConnect('127.0.0.1', ddb.port)).toBe(true);
    } finally { await ddb.stop(); }
  }, 120_000);

  it('checkpoints the write-ahead log periodically so that it is reused, and deletes it on stop', async () => {
    let seen: (c: Checkpoint) => void = () => undefined;
    const ddb = await startDynamoDb({ dataDir: dir, checkpointEveryMs: 200, onCheckpoint: (c) => seen(c) });
    try {
      const client = ddb.client();
      await ensureTable(client, 'studio');
      await fill(client, 200);
      expect(walSize()).toBeGreaterThan(0);
      const periodic = await new Promise<Checkpoint>((resolve) => { seen = (c) => { if (c.busy === 0 && c.log > 0 && c.log === c.checkpointed) resolve(c); }; });
      expect(periodic.checkpointed).toBeGreaterThan(0);
      // Every frame is in the database: the next writes start the WAL over instead of growing it.
      const high = walSize();
      await fill(client, 5);
      expect(walSize()).toBe(high);
    } finally { await ddb.stop(); }
    expect(walSize()).toBe(0);
    const again = await startDynamoDb({ dataDir: dir, checkpointEveryMs: 0 });
    try {
      const got = await again.client().send(new GetItemCommand({ TableName: 'studio', Key: { pk: { S: 'p199' }, sk: { S: 's' } }, ConsistentRead: true }));
      expect(got.Item?.v?.S).toHaveLength(2000);
    } finally { await again.stop(); }
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
