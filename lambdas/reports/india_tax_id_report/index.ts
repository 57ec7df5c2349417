export { indiaPanReport, IndiaPanInputError, type IndiaPanEvidence } from './report';
export { checkPan, surnameInitial, PAN_PATTERN, HOLDER_TYPES, type PanCheck, type HolderType } from './pan';
