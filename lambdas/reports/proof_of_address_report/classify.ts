/**
 * Document type from the words a document of each type carries. A type needs at least two
 * distinct cues; the type with most cues wins.
 */
export const DOCUMENT_TYPES = ['bank_statement', 'utility_bill', 'council_tax', 'benefit_letter'] as const;
export type PoaDocumentType = (typeof DOCUMENT_TYPES)[number];

const CUES: Record<PoaDocumentType, RegExp[]> = {
  bank_statement: [/\bstatement\b/, /\bsort code\b/, /\baccount (number|no)\b/, /\b(opening|closing) balance\b/,
    /\bbalance brought forward\b/, /\biban\b/, /\b(bic|swift)\b/, /\bbuilding society\b/, /\bmoney (in|out)\b/, /\btransactions?\b/, /\bbank\b/],
  utility_bill: [/\belectricity\b/, /\bgas\b/, /\bwater\b/, /\bkwh\b/, /\bmeter( reading)?\b/, /\btariff\b/, /\bstanding charge\b/,
    /\bsupply (address|point)\b/, /\bbroadband\b/, /\bamount due\b/, /\benergy\b/, /\bsewerage\b/],
  council_tax: [/\bcouncil tax\b/, /\bband [a-i]\b/, /\bbilling authority\b/, /\bvaluation\b/, /\binstal?ments?\b/, /\bannual bill\b/, /\bcouncil\b/],
  benefit_letter: [/\bdepartment for work and pensions\b/, /\bdwp\b/, /\buniversal credit\b/, /\bstate pension\b/, /\bbenefits?\b/, /\bnational insurance\b/],
};

export interface Classification { document_type: PoaDocumentType | null; cues: Partial<Record<PoaDocumentType, string[]>> }

export function classify(text: string): Classification {
  const lower = text.toLowerCase();
  const cues: Partial<Record<PoaDocumentType, string[]>> = {};
  let best: { type: PoaDocumentType; n: number } | undefined;
  for (const type of DOCUMENT_TYPES) {
    const found = CUES[type].map((re) => re.exec(lower)?.[0]).filter((m): m is string => !!m);
    if (found.length) cues[type] = found;
    if (found.length >= 2 && (!best || found.length > best.n)) best = { type, n: found.length };
  }
  return { document_type: best?.type ?? null, cues };
}
