export { proofOfAddressReport, DEFAULT_WINDOW_DAYS, type ProofOfAddressEvidence } from './report';
export { classify, DOCUMENT_TYPES, type PoaDocumentType } from './classify';
export { findIssueDate, type IssueDate } from './issue-date';
export { matchName, matchAddress } from './match';
export { pdfText } from './pdf-text';
