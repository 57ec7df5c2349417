/**
 * The launcher kits in the cache folder (java.ts launcherKit): a kit of another version unused for
 * KIT_STALE_MS, and a build abandoned as long, are removed; a kit in use by another version, a build
 * under way and what else the cache holds are kept; the kit used is marked used.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dynamoDbLocalDir, KIT_STALE_MS, launcherKit } from './java';

let root: string;
beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), 'studio-kits-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

const NOW = Date.UTC(2026, 11, 3, 12);
function folder(name: string, usedMsAgo: number, file = 'launcher.jar'): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(path.join(dir, file), 'x');
  const t = (NOW - usedMsAgo) / 1000;
  utimesSync(dir, t, t);
  return dir;
}

it('removes other versions\' kits and abandoned builds unused for KIT_STALE_MS, keeps the rest, marks its own kit used', () => {
  // The kit this version uses, already built (its name from the real cache, where the suite's DynamoDB Local built it).
  const own = folder(path.basename(launcherKit()), 60 * 60_000);
  folder('dynamodb-launcher-00000000000000aa', KIT_STALE_MS + 60_000);
  folder('dynamodb-launcher-00000000000000bb', KIT_STALE_MS - 60_000);
  folder('compiling-abandoned', KIT_STALE_MS + 60_000, 'DynamoDBLocal.jar');
  folder('compiling-underway', 1_000, 'DynamoDBLocal.jar');
  folder('asl-schema', 24 * 60 * 60_000, 'state-machine-0.js');

  expect(launcherKit(dynamoDbLocalDir(), root, NOW)).toBe(own);

  expect(readdirSync(root).sort()).toEqual(['asl-schema', 'compiling-underway', 'dynamodb-launcher-00000000000000bb', path.basename(own)].sort());
  expect(statSync(own).mtimeMs).toBe(NOW);
});
