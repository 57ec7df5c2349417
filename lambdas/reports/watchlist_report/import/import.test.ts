import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importList, InMemoryWatchlistStore, screen } from '..';
import { parseListDate } from './dates';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const now = new Date('2026-03-01T00:00:00Z');

describe('list importers', () => {
  it('reads OFAC sdn.csv with alt.csv aliases and facts from the remarks', () => {
    const { file, rejected } = importList({ format: 'ofac-sdn-csv', text: fixture('sdn.csv'), altText: fixture('alt.csv') }, now);
    expect(rejected).toEqual([]);
    expect(file.entries.map((e) => [e.id, e.entity_type])).toEqual([
      ['ofac-sdn:36', 'entity'], ['ofac-sdn:6365', 'individual'], ['ofac-sdn:20141', 'individual'],
      ['ofac-sdn:15036', 'entity'], ['ofac-sdn:9999', 'vessel']]);
    expect(file.entries[1]).toMatchObject({
      name: 'BIN LADIN, Usama bin Muhammad bin Awad', aliases: ['BIN LADEN, Osama', 'BIN LADEN, Usama', 'ABU ABDALLAH ABD AL-HAKIM'],
      dates_of_birth: ['1957-07-30', '1958'], nationalities: ['SAU'], source: { name: 'OFAC SDN', programs: ['SDGT'] } });
    expect(file.entries[2]?.nationalities).toEqual(['PRK']);
    expect(file.entries[3]?.source.programs).toEqual(['NPWMD', 'DPRK']);
  });

  it('reads OFAC sdn.xml', () => {
    const { file } = importList({ format: 'ofac-sdn-xml', text: fixture('sdn.xml') }, now);
    expect(file.entries[1]).toMatchObject({
      id: 'ofac-sdn:27080', name: 'PUTIN, Vladimir Vladimirovich', aliases: ['ПУТИН, Владимир Владимирович'],
      dates_of_birth: ['1952-10-07'], nationalities: ['RUS'], source: { programs: ['RUSSIA-EO14024'] } });
    expect(file.entries[0]?.aliases).toEqual(['BIN LADEN, Osama', 'BIN LADEN, Usama']);
  });

  it('reads the UN consolidated list XML, with year ranges and original-script names', () => {
    const { file } = importList({ format: 'un-xml', text: fixture('consolidated.xml') }, now);
    expect(file.entries.map((e) => e.id)).toEqual(['un:QDi.006', 'un:QDi.322', 'un:QDe.004']);
    expect(file.entries[0]).toMatchObject({ name: 'AYMAN MUHAMMED RABI AL-ZAWAHIRI', dates_of_birth: ['1951-06-19'], nationalities: ['EGY'],
      source: { listed_on: '2001-01-25', programs: ['Al-Qaida'] } });
    expect(file.entries[0]?.aliases).toContain('أيمن محمد ربيع الظواهري');
    expect(file.entries[1]?.dates_of_birth).toEqual(['1965', '1966', '1967', '1968', '1969']);
    expect(file.entries[2]).toMatchObject({ entity_type: 'entity', aliases: ['The Base', 'Al Qaeda'] });
  });

  it('gives imported entries to a store that screens them', async () => {
    const { file } = importList({ format: 'un-xml', text: fixture('consolidated.xml') }, now);
    const out = await screen({ full_name: 'Ayman al-Zawahri', dob: '1951-06-19' }, new InMemoryWatchlistStore(file.entries), 0.9);
    expect(out.matches.map((m) => m.entry.id)).toEqual(['un:QDi.006']);
  });

  it('refuses files of the wrong format', () => {
    expect(() => importList({ format: 'un-xml', text: fixture('sdn.xml') }, now)).toThrow(/CONSOLIDATED_LIST/);
  });

  it.each([['30 Jul 1957', ['1957-07-30']], ['Jul 1957', ['1957-07']], ['circa 1958', ['1958']], ['1957 to 1958', ['1957', '1958']], ['unknown', []]])(
    'reads the list date %s', (raw, expected) => expect(parseListDate(raw)).toEqual(expected));
});
