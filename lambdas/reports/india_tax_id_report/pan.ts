/**
 * Indian Permanent Account Number structure: AAAPL1234C. Three letters, the holder type, the
 * initial of the surname (individuals) or of the name (others), four digits, and a final
 * check letter whose algorithm the Income Tax Department does not publish (not judged).
 */
export const PAN_PATTERN = /^[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]$/;

export const HOLDER_TYPES = {
  P: 'individual', C: 'company', H: 'hindu_undivided_family', F: 'firm', A: 'association_of_persons',
  T: 'trust', B: 'body_of_individuals', L: 'local_authority', J: 'artificial_juridical_person', G: 'government',
} as const;
export type HolderType = (typeof HOLDER_TYPES)[keyof typeof HOLDER_TYPES];

export interface PanCheck {
  pan: string;
  valid: boolean;
  holder_type?: HolderType;
  /** The 5th character: the surname's initial for an individual. */
  name_initial?: string;
  problems: string[];
}

export function checkPan(raw: string): PanCheck {
  const pan = raw.replace(/\s+/g, '').toUpperCase();
  if (!PAN_PATTERN.test(pan)) {
    const problems = pan.length !== 10 ? [`${pan.length} characters, a PAN has 10`]
      : /^[A-Z]{3}[A-Z]/.test(pan) && !/^[A-Z]{3}[PCHFATBLJG]/.test(pan) ? [`"${pan[3]}" is not a PAN holder type`]
        : ['not in the PAN format AAAPL1234C'];
    return { pan, valid: false, problems };
  }
  const type = pan[3] as keyof typeof HOLDER_TYPES;
  return { pan, valid: true, holder_type: HOLDER_TYPES[type], name_initial: pan[4] ?? '', problems: [] };
}

/** Initial of a surname as the PAN takes it: first letter, accents dropped. */
export function surnameInitial(lastName: string): string | undefined {
  const folded = lastName.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^A-Z]/g, '');
  return folded[0];
}
