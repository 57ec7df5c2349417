import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchlistCommand } from '../../../cli/watchlist';
import { WatchlistFile } from './types';

const fixtures = join(__dirname, 'fixtures');

describe('studio watchlist import', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('writes a list file from sdn.csv, taking alt.csv from beside it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wl-')), 'list.json');
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.csv'), '--out', out])).toBe(0);
    const list = WatchlistFile.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(list.entries.find((e) => e.id === 'ofac-sdn:6365')?.aliases).toContain('BIN LADEN, Osama');
  });

  it('tells the XML formats apart by their root element', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-'));
    expect(await watchlistCommand(['import', join(fixtures, 'consolidated.xml'), '--out', join(dir, 'un.json')])).toBe(0);
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.xml'), '--format', 'ofac-sdn-xml', '--out', join(dir, 'ofac.json')])).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'un.json'), 'utf8')).entries).toHaveLength(3);
  });

  it('refuses bad usage with a message that says what to do', async () => {
    expect(await watchlistCommand([])).toBe(2);
    expect(await watchlistCommand(['import', join(fixtures, 'sdn.xml'), '--format', 'eu-xml'])).toBe(2);
    expect(await watchlistCommand(['import', join(fixtures, 'missing.csv')])).toBe(1);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('unknown --format "eu-xml"'));
  });
});
