/** The fields of a licence, from the AAMVA elements of its barcode. */
import { aamvaDate, type AamvaRecord } from './aamva';

export interface LicenceData {
  document_number?: string;
  first_name?: string;
  middle_name?: string;
  last_name?: string;
  date_of_birth?: string;
  date_of_expiry?: string;
  date_of_issue?: string;
  gender?: 'M' | 'F' | 'X';
  address: { line1?: string; city?: string; state?: string; postcode?: string };
  country?: string;          // DCG: USA or CAN
  jurisdiction?: string;     // DAJ
  issuer?: string;           // from the IIN
}

const SEX: Record<string, LicenceData['gender']> = { '1': 'M', '2': 'F', '9': 'X', M: 'M', F: 'F', X: 'X' };

export function licenceData(r: AamvaRecord): LicenceData {
  const e = r.elements;
  // Version 1 writes the whole name in DAA ("LAST,FIRST,MIDDLE") or first and middle in DCT.
  const [daaLast, daaFirst, daaMiddle] = (e.DAA ?? '').split(/[,$]/).map((s) => s.trim());
  const [dctFirst, ...dctMiddle] = (e.DCT ?? '').split(/[\s,]+/).filter(Boolean);
  const country = e.DCG || (r.issuer && /^(AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)$/.test(r.issuer) ? 'CAN' : 'USA');
  const date = (v: string | undefined) => aamvaDate(v, country, r.version);
  const zip = e.DAK?.replace(/\s+/g, '');
  const data: LicenceData = {
    document_number: e.DAQ, first_name: e.DAC || dctFirst || daaFirst, middle_name: e.DAD || dctMiddle.join(' ') || daaMiddle,
    last_name: e.DCS || e.DAB || daaLast, date_of_birth: date(e.DBB), date_of_expiry: date(e.DBA), date_of_issue: date(e.DBD),
    gender: SEX[e.DBC ?? ''],
    address: { line1: e.DAG, city: e.DAI, state: e.DAJ, postcode: zip && country === 'USA' ? zip.slice(0, 5) : zip },
    country, jurisdiction: e.DAJ, issuer: r.issuer,
  };
  const clean = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== 'NONE'));
  return { ...clean(data), address: clean(data.address) } as LicenceData;
}
