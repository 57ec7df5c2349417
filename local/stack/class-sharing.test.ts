/**
 * Class data sharing for DynamoDB Local's JVM (class-sharing.ts): which flags a start gets, when
 * an archive written at exit is kept, and, with a real JVM, that the next DynamoDB Local maps it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { processNaming } from '../../test/helpers/processes';
import { javaOnPath, sharedClasses } from './class-sharing';
import { startDynamoDb } from './dynamodb';
import { launcherKit } from './java';

let root: string;
beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), 'studio-cds-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

const flag = (jvm: string[], name: string) => jvm.find((f) => f.startsWith(`-XX:${name}=`))?.split('=')[1];

describe('sharedClasses', () => {
  const java = () => { const j = path.join(root, 'java'); if (!existsSync(j)) writeFileSync(j, 'jvm v1'); return j; };

  it('without an archive the JVM writes one at exit; kept only after a clean exit, then used', () => {
    const first = sharedClasses(root, java());
    const writing = flag(first.jvm, 'ArchiveClassesAtExit')!;
    expect(writing).toMatch(/\.writing$/);
    expect(first.jvm).toContain('-Xlog:cds*=off');
    writeFileSync(writing, 'half an archive');
    first.settle(false); // killed while writing: nothing kept
    expect(readdirSync(root)).toEqual(['java']);

    const second = sharedClasses(root, java());
    writeFileSync(flag(second.jvm, 'ArchiveClassesAtExit')!, 'an archive');
    second.settle(true);
    const third = sharedClasses(root, java());
    const archive = flag(third.jvm, 'SharedArchiveFile')!;
    expect(readFileSync(archive, 'utf8')).toBe('an archive');
    expect(flag(third.jvm, 'ArchiveClassesAtExit')).toBeUndefined();
    expect(readdirSync(root).sort()).toEqual([path.basename(archive), 'java'].sort());
  });

  it('another java binary gets an archive of its own, and the archive of the one it replaced goes', () => {
    const a = sharedClasses(root, java());
    writeFileSync(flag(a.jvm, 'ArchiveClassesAtExit')!, 'x');
    a.settle(true);
    const v1 = flag(sharedClasses(root, java()).jvm, 'SharedArchiveFile')!;
    writeFileSync(java(), 'jvm v2, updated');
    const b = sharedClasses(root, java());
    expect(flag(b.jvm, 'SharedArchiveFile')).toBeUndefined();
    writeFileSync(flag(b.jvm, 'ArchiveClassesAtExit')!, 'v2');
    b.settle(true);
    const v2 = flag(sharedClasses(root, java()).jvm, 'SharedArchiveFile')!;
    expect(v2).not.toBe(v1);
    expect(existsSync(v1)).toBe(false); // the replaced binary's archive is removed
    expect(readFileSync(v2, 'utf8')).toBe('v2');
  });

  it('archives left half-written long ago are removed by the next start that writes one', () => {
    const old = path.join(root, 'classes-0.jsa.1-x.writing');
    const recent = path.join(root, 'classes-0.jsa.2-y.writing');
    writeFileSync(old, 'x'); writeFileSync(recent, 'y');
    const elevenMinutesAgo = (Date.now() - 11 * 60_000) / 1000;
    utimesSync(old, elevenMinutesAgo, elevenMinutesAgo);
    sharedClasses(root, java());
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('settle never throws (it runs in the JVM exit handler): an archive it cannot keep is dropped', () => {
    const a = sharedClasses(root, java());
    const writing = flag(a.jvm, 'ArchiveClassesAtExit')!;
    writeFileSync(writing, 'an archive');
    const archive = flag(a.jvm, 'ArchiveClassesAtExit')!.replace(/\.[^.]+\.writing$/, '');
    mkdirSync(archive); // a file cannot be renamed onto a folder that holds something
    writeFileSync(path.join(archive, 'x'), 'x');
    expect(() => a.settle(true)).not.toThrow();
    expect(existsSync(writing)).toBe(false);
  });

  it('the java spawn runs is the first on PATH; with none, no flags', () => {
    const binary = java();
    expect(javaOnPath(`${path.join(root, 'none')}${path.delimiter}${root}`)).toBe(binary);
    expect(javaOnPath(path.join(root, 'none'))).toBeUndefined();
    expect(sharedClasses(root, undefined).jvm).toEqual([]);
  });
});

it('a real DynamoDB Local writes the archive when it stops, and the next one maps it', async () => {
  // The launcher's folder (javac and jar run once per version) copied into a cache of this test's own.
  const kit = launcherKit();
  const cache = path.join(root, 'cache');
  cpSync(kit, path.join(cache, 'open-studio', path.basename(kit)), { recursive: true, filter: (f) => !/\.jsa/.test(f) });
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = cache;
  try {
    const archives = () => readdirSync(path.join(cache, 'open-studio', path.basename(kit))).filter((f) => f.endsWith('.jsa'));
    const data = path.join(root, 'db');
    const first = await startDynamoDb({ dataDir: data, checkpointEveryMs: 0 });
    expect(archives()).toEqual([]);
    await first.stop();
    expect(archives()).toHaveLength(1);

    const second = await startDynamoDb({ dataDir: data, checkpointEveryMs: 0 });
    try {
      const jvm = processNaming(data)!;
      const archive = path.join(cache, 'open-studio', path.basename(kit), archives()[0]!);
      expect(jvm.args).toContain(`-XX:SharedArchiveFile=${archive}`);
      expect(readFileSync(`/proc/${jvm.pid}/maps`, 'utf8')).toContain(archive);
    } finally {
      await second.stop();
    }
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME; else process.env.XDG_CACHE_HOME = saved;
  }
}, 60_000);
