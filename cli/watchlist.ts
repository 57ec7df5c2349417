/**
 * `studio watchlist import FILE [--format ofac-sdn-csv|ofac-sdn-xml|un-xml] [--alt ALT.CSV] [--out FILE]`
 * converts an official sanctions list file into the watchlist format (JSON). Without --format
 * the format is told from the file; OFAC's alt.csv is read from beside sdn.csv unless --alt
 * names it. Without --out the JSON goes to standard output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FORMATS, importList, type ImportFormat } from '../lambdas/reports/watchlist_report';

const USAGE = `usage: studio watchlist import FILE [--format ${FORMATS.join('|')}] [--alt ALT.CSV] [--out FILE]`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function detectFormat(file: string, text: string): ImportFormat | undefined {
  if (/\.csv$/i.test(file)) return 'ofac-sdn-csv';
  if (/<sdnList[\s>]/.test(text)) return 'ofac-sdn-xml';
  if (/<CONSOLIDATED_LIST[\s>]/.test(text)) return 'un-xml';
  return undefined;
}

export async function watchlistCommand(args: string[]): Promise<number> {
  const [sub, file] = args;
  if (sub !== 'import' || !file || file.startsWith('--')) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 1;
  }
  const text = readFileSync(file, 'utf8');
  const given = option(args, '--format');
  if (given !== undefined && !(FORMATS as readonly string[]).includes(given)) {
    console.error(`unknown --format "${given}": use one of ${FORMATS.join(', ')}`);
    return 2;
  }
  const format = (given as ImportFormat | undefined) ?? detectFormat(file, text);
  if (!format) {
    console.error(`cannot tell the format of ${file}: pass --format ${FORMATS.join('|')}`);
    return 2;
  }
  const altPath = option(args, '--alt') ?? join(dirname(file), 'alt.csv');
  const altText = format === 'ofac-sdn-csv' && existsSync(altPath) ? readFileSync(altPath, 'utf8') : undefined;
  const { file: list, rejected } = importList({ format, text, altText }, new Date());
  for (const r of rejected) console.error(`skipped ${r.id}: ${r.problem}`);
  const json = `${JSON.stringify(list, null, 1)}\n`;
  const out = option(args, '--out');
  if (out) writeFileSync(out, json); else process.stdout.write(json);
  console.error(`imported ${list.entries.length} entries from ${file} (${format})${rejected.length ? `, skipped ${rejected.length}` : ''}`);
  return 0;
}
