import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchlistCommand } from '../../../cli/watchlist';
import { ImportedWatchlist } from './lists';

const fixtures = join(__dirname, 'fixtures');

const errors: string[] = [];
const out = { log: () => undefined, error: (l: string) => { errors.push(l); } };

describe('studio watchlist import --out', () => {

  it('writes a list file from sdn.csv, taking alt.csv from beside it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wl-')), 'list.json');
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.csv'), '--out', file], out)).toBe(0);
    const list = ImportedWatchlist.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(list.watchlist).toMatchObject({ source: 'OFAC SDN', entries: 5, sources: [{ origin: 'sdn.csv', format: 'ofac-sdn-csv', entries: 5 }] });
    expect(list.entries.find((e) => e.id === 'ofac-sdn:6365')?.aliases).toContain('BIN LADEN, Osama');
  });

  it('tells the XML formats apart by their root element', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-'));
    expect(await watchlistCommand(['import', join(fixtures, 'consolidated.xml'), '--out', join(dir, 'un.json')], out)).toBe(0);
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.xml'), '--format', 'ofac-sdn-xml', '--out', join(dir, 'ofac.json')], out)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'un.json'), 'utf8')).entries).toHaveLength(3);
  });

  it('refuses bad usage with a message that says what to do', async () => {
    expect(await watchlistCommand([], out)).toBe(2);
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.xml'), '--format', 'eu-xml'], out)).toBe(2);
    expect(await watchlistCommand(['import', join(fixtures, 'missing.csv')], out)).toBe(1);
    expect(errors).toContainEqual(expect.stringContaining('unknown --format "eu-xml"'));
  });
});
