/**
 * UN Security Council Consolidated List XML: <CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL> with
 * FIRST_NAME..FOURTH_NAME, REFERENCE_NUMBER, UN_LIST_TYPE, LISTED_ON, NAME_ORIGINAL_SCRIPT,
 * NATIONALITY/VALUE, INDIVIDUAL_ALIAS/ALIAS_NAME and INDIVIDUAL_DATE_OF_BIRTH (DATE, YEAR or
 * FROM_YEAR..TO_YEAR); <ENTITIES><ENTITY> with FIRST_NAME and ENTITY_ALIAS.
 */
import { XMLParser } from 'fast-xml-parser';
import type { WatchlistEntryInput } from '../types';
import { countryCode } from './countries';
import { parseListDate } from './dates';

const LISTS = new Set(['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'VALUE']);
type Node = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const all = (n: Node, key: string) => (n[key] as Node[] | undefined) ?? [];

function dates(n: Node): string[] {
  return all(n, 'INDIVIDUAL_DATE_OF_BIRTH').flatMap((d) => {
    if (text(d.DATE)) return parseListDate(text(d.DATE));
    if (text(d.YEAR)) return parseListDate(text(d.YEAR));
    if (text(d.FROM_YEAR) && text(d.TO_YEAR)) return parseListDate(`${text(d.FROM_YEAR)} to ${text(d.TO_YEAR)}`);
    return [];
  });
}

function entry(n: Node, kind: 'individual' | 'entity'): WatchlistEntryInput {
  const name = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => text(n[k])).filter(Boolean).join(' ');
  const aliasKey = kind === 'individual' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS';
  const original = text(n.NAME_ORIGINAL_SCRIPT);
  const nationality = (n.NATIONALITY as Node | undefined)?.VALUE as unknown[] | undefined;
  const reference = text(n.REFERENCE_NUMBER) || text(n.DATAID);
  return {
    id: `un:${reference}`, category: 'sanction', entity_type: kind, name,
    aliases: [...all(n, aliasKey).map((a) => text(a.ALIAS_NAME)), original].filter(Boolean),
    dates_of_birth: kind === 'individual' ? dates(n) : [],
    nationalities: (nationality ?? []).map((v) => countryCode(text(v))).filter((c): c is string => !!c),
    source: { name: 'UN Security Council Consolidated List', reference, programs: [text(n.UN_LIST_TYPE)].filter(Boolean), ...(text(n.LISTED_ON) ? { listed_on: text(n.LISTED_ON).slice(0, 10) } : {}) },
    ...(text(n.COMMENTS1) ? { remarks: text(n.COMMENTS1) } : {}),
  };
}

export function parseUnXml(xml: string): WatchlistEntryInput[] {
  const doc = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.has(name) }).parse(xml) as Node;
  const root = doc.CONSOLIDATED_LIST as Node | undefined;
  if (!root) throw new Error('not a UN consolidated list XML file: no <CONSOLIDATED_LIST> root element');
  const people = all((root.INDIVIDUALS as Node | undefined) ?? {}, 'INDIVIDUAL').map((n) => entry(n, 'individual'));
  const entities = all((root.ENTITIES as Node | undefined) ?? {}, 'ENTITY').map((n) => entry(n, 'entity'));
  return [...people, ...entities];
}
