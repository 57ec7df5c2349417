/**
 * Once per jest run, for the test files that start a local stack: one DynamoDB Local (in
 * memory) and one s3rver, shared through STUDIO_TEST_DYNAMODB and STUDIO_TEST_S3. Each test
 * file's stack makes its own table and bucket there (unique names), and its own engine, event
 * bus and gateway: no file sees another's data. test/global-teardown.ts stops them.
 * Also one console JWT signing key (STUDIO_TEST_CONSOLE_KEY) and one evidence signing key
 * (STUDIO_TEST_EVIDENCE_KEY) for the run, which test/helpers/stack.ts copies into each in-memory
 * stack's folder: an RSA key generated per stack cost ~0.5 s of CPU (console) and ~0.2 s (evidence).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateSigningKey } from '../lambdas/evidence/signing-key';
import { consoleKeys, EVIDENCE_KEY_FILE, LOCAL_CREDENTIALS, startDynamoDb, startS3, type LocalDynamoDb, type LocalS3 } from '../local/stack';

export interface SharedServices { dynamodb: LocalDynamoDb; s3: LocalS3; dir: string }
export const SHARED = '__studioSharedServices';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'studio-jest-'));
  // The shared s3rver checks signatures with one secret key for the run; each stack signs with it.
  const awsSecret = randomBytes(32).toString('base64url');
  const [dynamodb, s3] = await Promise.all([startDynamoDb(), startS3({ dataDir: path.join(dir, 's3'), credentials: { ...LOCAL_CREDENTIALS, secretAccessKey: awsSecret }, resetOnClose: true })]);
  process.env.STUDIO_TEST_DYNAMODB = dynamodb.endpoint;
  process.env.STUDIO_TEST_S3 = s3.endpoint;
  process.env.STUDIO_TEST_AWS_SECRET = awsSecret;
  process.env.STUDIO_TEST_CONSOLE_KEY = consoleKeys(path.join(dir, 'console')).CONSOLE_KEY_FILE;
  process.env.STUDIO_TEST_EVIDENCE_KEY = path.join(dir, EVIDENCE_KEY_FILE);
  writeFileSync(process.env.STUDIO_TEST_EVIDENCE_KEY, JSON.stringify(generateSigningKey('Open Studio evidence')), { mode: 0o600 });
  (globalThis as Record<string, unknown>)[SHARED] = { dynamodb, s3, dir } satisfies SharedServices;
}
