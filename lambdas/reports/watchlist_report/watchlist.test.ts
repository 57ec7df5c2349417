import { ReportResult } from '../../../compiler';
import { InMemoryWatchlistStore, nameScore, SEED_INFO, seedEntries, seedStore, tokenize, watchlistReport, WatchlistEntry, WatchlistInputError } from '.';
import type { ApplicantData } from '../types';

const now = new Date('2026-03-01T12:00:00Z');
const store = seedStore();
const run = (applicant: ApplicantData, config: Record<string, unknown> = {}, tasks?: Record<string, unknown>) =>
  watchlistReport({ applicant, config, store, list: SEED_INFO, now, tasks });
const records = (r: ReportResult) => r.properties.records as Array<{ external_id: string; score: number; match_factors: { date_of_birth: string } }>;

describe('name similarity', () => {
  it('scores "Osama bin Laden" against "Usama bin Ladin" as the same name', () => {
    expect(nameScore(tokenize('Osama bin Laden'), tokenize('Usama bin Ladin')).score).toBeGreaterThan(0.9);
  });
  it('transliterates Cyrillic before comparing', () => {
    expect(nameScore(tokenize('Владимир Путин'), tokenize('PUTIN, Vladimir Vladimirovich')).score).toBeGreaterThan(0.95);
  });
  it('keeps unrelated names apart', () => {
    expect(nameScore(tokenize('John Smith'), tokenize('Jong Un Kim')).score).toBeLessThan(0.7);
  });
});

describe('watchlist_report', () => {
  it('matches a spelling variant of a listed name, with the record and its source', async () => {
    const r = await run({ first_name: 'Osama', last_name: 'bin Laden' });
    expect(r.result).toBe('consider');
    expect(r.breakdown.sanction).toEqual({ result: 'consider' });
    expect(records(r)[0]?.external_id).toBe('seed:bin-ladin-usama');
    expect(ReportResult.safeParse(r).success).toBe(true);
  });

  it('matches a name written in Cyrillic', async () => {
    const r = await run({ first_name: 'Сергей', last_name: 'Лавров' });
    expect(records(r).map((x) => x.external_id)).toEqual(['seed:lavrov-sergei']);
  });

  it('corroborates with an exact date of birth and excludes a different one', async () => {
    const same = await run({ first_name: 'Vladimir', last_name: 'Putin', dob: '1952-10-07', nationality: 'RUS' });
    expect(records(same)[0]?.match_factors.date_of_birth).toBe('exact');
    expect(records(same)[0]?.score).toBe(1);
    const other = await run({ first_name: 'Vladimir', last_name: 'Putin', dob: '1990-04-02' });
    expect(other.result).toBe('clear');
    expect(other.properties.excluded_by_date_of_birth).toEqual([expect.objectContaining({ external_id: 'seed:putin-vladimir' })]);
  });

  it('lowers the score for a date of birth a year off', async () => {
    const exact = records(await run({ first_name: 'Sergei', last_name: 'Shoigu', dob: '1955-05-21' }))[0]?.score ?? 0;
    const near = records(await run({ first_name: 'Sergei', last_name: 'Shoigu', dob: '1956-01-10' }, { variant: 'aml' }))[0]?.score ?? 0;
    expect(near).toBeLessThan(exact);
  });

  it.each([
    'John Smith', 'Maria Garcia', 'Mohammed Ali', 'Ali Hassan', 'Ahmed Ibrahim', 'Wei Zhang', 'Kim Min-jun',
    'Sergei Ivanov', 'Vladimir Petrov', 'Ali Khan', 'Hassan Ali', 'Jose Garcia', 'Omar Hassan', 'Kim Jong Il',
    'Dmitry Medvedev', 'Fatima Ahmed', 'Nicolas Martin', 'Ismail Yilmaz', 'Olga Ivanova', 'Juan Perez',
  ])('does not flag the common name %s', async (name) => {
    const [first, ...rest] = name.split(' ');
    const r = await run({ first_name: first, last_name: rest.join(' ') });
    expect(records(r)).toEqual([]);
  });

  it('judges only the areas the list covers; adverse media is never judged', async () => {
    const r = await run({ first_name: 'Jane', last_name: 'Doe' });
    expect(r).toMatchObject({ result: 'clear', breakdown: { sanction: { result: 'clear' } } });
    expect(Object.keys(r.breakdown)).toEqual(['sanction']);
    const pep = WatchlistEntry.parse({ id: 'test:pep', category: 'politically_exposed_person', entity_type: 'individual', name: 'DOE, Janet', source: { name: 'test PEP list' } });
    const withPep = new InMemoryWatchlistStore([...seedEntries(), pep]);
    const hit = await watchlistReport({ applicant: { first_name: 'Janet', last_name: 'Doe' }, config: {}, store: withPep, list: SEED_INFO, now });
    expect(hit.breakdown).toEqual({ sanction: { result: 'clear' }, politically_exposed_person: { result: 'consider' } });
  });

  it('screens the name from earlier tasks when the applicant has none', async () => {
    const r = await run({}, {}, { autofill: { result: 'clear', extracted_data: { first_name: 'KIM', last_name: 'JONG UN', date_of_birth: '1984-01-08' } } });
    expect(records(r)[0]?.external_id).toBe('seed:kim-jong-un');
    expect(r.properties.screened).toMatchObject({ name_source: 'document', date_of_birth: '1984-01-08' });
  });

  it('refuses a request without a name, and an unknown variant', async () => {
    await expect(run({ dob: '1990-01-01' })).rejects.toThrow(WatchlistInputError);
    await expect(run({ first_name: 'A', last_name: 'B' }, { variant: 'enhanced' })).rejects.toThrow(/variant "enhanced"/);
  });
});
