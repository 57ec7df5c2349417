/**
 * `studio watchlist import FILE... [--format F] [--alt ALT.CSV] [--out FILE|-] [--parity]`
 * imports official sanctions list files (OFAC SDN, the UN consolidated list) as one watchlist.
 * Without --out it is stored in the running stack's bucket (`npm start`, or `--parity`; the data
 * folder's stack.json names it: STUDIO_DATA), where the watchlist report screens it from its next
 * check and states its version; with --out the list is written as JSON (`-`: standard output).
 * Without --format each file's format is told from the file; OFAC's alt.csv is read from beside
 * sdn.csv unless --alt names it. In AWS the watchlists function imports on a schedule
 * (`watchlistSources`, lib/watchlists.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { FORMATS, importLists, type ImportFormat } from '../lambdas/reports/watchlist_report';
import { publishWatchlist } from '../lambdas/reports/watchlist_report/publish';
import { readStackFile } from '../local/stack/stack-file';
import { options, stdio, type Out } from './io';

const USAGE = `usage: studio watchlist import FILE... [--format ${FORMATS.join('|')}] [--alt ALT.CSV] [--out FILE|-] [--parity]   (STUDIO_DATA: the running stack's data folder)`;
const ROOT = resolve(__dirname, '..');

function detectFormat(file: string, text: string): ImportFormat | undefined {
  if (/\.csv$/i.test(file)) return 'ofac-sdn-csv';
  if (/<sdnList[\s>]/.test(text)) return 'ofac-sdn-xml';
  if (/<CONSOLIDATED_LIST[\s>]/.test(text)) return 'un-xml';
  return undefined;
}

export async function watchlistCommand(args: string[], out: Out = stdio, env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<number> {
  const { positional, flags } = options(args, ['--format', '--alt', '--out']);
  const [sub, ...files] = positional;
  if (sub !== 'import' || files.length === 0) { out.error(USAGE); return 2; }
  const given = flags.get('--format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(String(given))) {
    out.error(`unknown --format "${String(given)}": use one of ${FORMATS.join(', ')}`);
    return 2;
  }
  const inputs = [];
  for (const file of files) {
    if (!existsSync(file)) { out.error(`no such file: ${file}`); return 1; }
    const text = readFileSync(file, 'utf8');
    const format = (given as ImportFormat | undefined) ?? detectFormat(file, text);
    if (!format) { out.error(`cannot tell the format of ${file}: pass --format ${FORMATS.join('|')}`); return 2; }
    const alt = flags.get('--alt');
    const altPath = typeof alt === 'string' ? alt : join(dirname(file), 'alt.csv');
    const altText = format === 'ofac-sdn-csv' && existsSync(altPath) ? readFileSync(altPath, 'utf8') : undefined;
    inputs.push({ format, text, origin: basename(file), ...(altText !== undefined ? { altText } : {}) });
  }
  const { list, rejected } = importLists(inputs, now);
  for (const r of rejected) out.error(`skipped ${r.id}: ${r.problem}`);
  const target = flags.get('--out');
  const w = list.watchlist;
  const counts = w.sources.map((s) => `${s.origin} (${s.format}): ${s.entries}${s.rejected ? `, skipped ${s.rejected}` : ''}`).join('; ');
  if (typeof target === 'string') {
    const json = `${JSON.stringify(list, null, 1)}\n`;
    if (target === '-') process.stdout.write(json); else writeFileSync(target, json);
    out.error(`imported ${w.entries} entries, version ${w.version} (${counts})`);
    return 0;
  }
  const dataDir = resolve(env.STUDIO_DATA ?? join(ROOT, '.studio', flags.has('--parity') ? 'parity-data' : ''));
  const stack = readStackFile(dataDir);
  const s3 = new S3Client({
    region: stack.region, endpoint: stack.s3, forcePathStyle: true,
    credentials: { accessKeyId: stack.aws_access_key_id, secretAccessKey: stack.aws_secret_access_key },
  });
  try {
    const { key } = await publishWatchlist(s3, stack.bucket, list);
    out.log(`stored ${w.source} version ${w.version} (${w.entries} entries: ${counts}) as ${key}; the watchlist report screens it from its next check`);
  } finally {
    s3.destroy();
  }
  return 0;
}
