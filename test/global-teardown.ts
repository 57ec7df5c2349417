/** Stops what test/global-setup.ts started. */
import { rmSync } from 'node:fs';
import { SHARED, type SharedServices } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const shared = (globalThis as Record<string, unknown>)[SHARED] as SharedServices | undefined;
  if (!shared) return;
  await Promise.all([shared.dynamodb.stop(), shared.s3.stop()]);
  rmSync(shared.dir, { recursive: true, force: true });
}
