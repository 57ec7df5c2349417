export { identityReport, type IdentityEvidence } from './report';
export { collectSources, firstOf, type PersonSource, type Address } from './sources';
export { checkSsn, type SsnCheck } from './ssn';
export { checkDob } from './dob';
export { checkAddress, sameAddress, alpha3 } from './address';
export { checkPhone } from './phone';
export { sameWords, fold } from './text';
