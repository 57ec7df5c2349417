/**
 * OFAC SDN "legacy" CSV files: sdn.csv (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 * Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks) and alt.csv (ent_num, alt_num,
 * alt_type, alt_name, alt_remarks). No header row; "-0-" means empty. Dates of birth and
 * nationalities live in the free-text Remarks ("DOB 30 Jul 1957; alt. DOB 1958; nationality ...").
 */
import type { WatchlistEntryInput } from '../types';
import { countryCode } from './countries';
import { parseCsv } from './csv';
import { parseListDate } from './dates';

const value = (f: string | undefined) => (f === undefined || f.trim() === '-0-' ? '' : f.trim());

function remarksFacts(remarks: string) {
  const dobs: string[] = [];
  const nats = new Set<string>();
  for (const part of remarks.split(';')) {
    const p = part.trim().replace(/^alt\.\s*/i, '');
    const dob = /^DOB\s+(.+)$/i.exec(p);
    if (dob?.[1]) dobs.push(...parseListDate(dob[1]));
    const nat = /^(?:nationality|citizen(?:ship)?)\s+(.+)$/i.exec(p);
    const code = countryCode(nat?.[1]);
    if (code) nats.add(code);
  }
  return { dobs, nats: [...nats] };
}

const TYPES: Record<string, WatchlistEntryInput['entity_type']> = { individual: 'individual', vessel: 'vessel', aircraft: 'aircraft' };

export function parseOfacCsv(sdnCsv: string, altCsv = ''): WatchlistEntryInput[] {
  const aliases = new Map<string, string[]>();
  for (const [ent, , , name] of parseCsv(altCsv)) {
    if (!ent || !value(name)) continue;
    const list = aliases.get(ent.trim()) ?? [];
    list.push(value(name));
    aliases.set(ent.trim(), list);
  }
  return parseCsv(sdnCsv).filter((r) => /^\d+$/.test((r[0] ?? '').trim())).map((r) => {
    const ent = (r[0] ?? '').trim();
    const remarks = value(r[11]);
    const { dobs, nats } = remarksFacts(remarks);
    return {
      id: `ofac-sdn:${ent}`, category: 'sanction' as const,
      entity_type: TYPES[value(r[2]).toLowerCase()] ?? 'entity',
      name: value(r[1]), aliases: aliases.get(ent) ?? [], dates_of_birth: dobs, nationalities: nats,
      source: { name: 'OFAC SDN', reference: ent, programs: value(r[3]).replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean) },
      ...(remarks ? { remarks } : {}),
    };
  });
}
