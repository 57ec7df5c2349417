/**
 * OFAC SDN XML (sdn.xml): <sdnList><sdnEntry> with uid, firstName, lastName, sdnType,
 * programList/program, akaList/aka, dateOfBirthList/dateOfBirthItem/dateOfBirth,
 * nationalityList/nationality/country and citizenshipList/citizenship/country.
 */
import { XMLParser } from 'fast-xml-parser';
import type { WatchlistEntryInput } from '../types';
import { countryCode } from './countries';
import { parseListDate } from './dates';

const LISTS = new Set(['sdnEntry', 'program', 'aka', 'dateOfBirthItem', 'nationality', 'citizenship']);
type Node = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const nodes = (parent: unknown, list: string, item: string): Node[] => {
  const holder = (parent as Node | undefined)?.[list] as Node | undefined;
  return (holder?.[item] as Node[] | undefined) ?? [];
};
const fullName = (n: Node) => [text(n.lastName), text(n.firstName)].filter(Boolean).join(', ');

const TYPES: Record<string, WatchlistEntryInput['entity_type']> = { Individual: 'individual', Vessel: 'vessel', Aircraft: 'aircraft' };

export function parseOfacXml(xml: string): WatchlistEntryInput[] {
  const doc = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => LISTS.has(name) }).parse(xml) as Node;
  const list = doc.sdnList as Node | undefined;
  if (!list) throw new Error('not an OFAC SDN XML file: no <sdnList> root element');
  const entries = (list.sdnEntry as Node[] | undefined) ?? [];
  return entries.map((e) => {
    const countries = [...nodes(e, 'nationalityList', 'nationality'), ...nodes(e, 'citizenshipList', 'citizenship')]
      .map((n) => countryCode(text(n.country))).filter((c): c is string => !!c);
    const programs = ((e.programList as Node | undefined)?.program as unknown[] | undefined)?.map(text) ?? [];
    return {
      id: `ofac-sdn:${text(e.uid)}`, category: 'sanction' as const,
      entity_type: TYPES[text(e.sdnType)] ?? 'entity',
      name: fullName(e),
      aliases: nodes(e, 'akaList', 'aka').map(fullName).filter(Boolean),
      dates_of_birth: nodes(e, 'dateOfBirthList', 'dateOfBirthItem').flatMap((d) => parseListDate(text(d.dateOfBirth))),
      nationalities: [...new Set(countries)],
      source: { name: 'OFAC SDN', reference: text(e.uid), programs },
      ...(text(e.remarks) ? { remarks: text(e.remarks) } : {}),
    };
  });
}
