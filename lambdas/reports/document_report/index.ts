/** document_report and the document reading that autofill shares. */
export { checkDocument, NOT_CHECKED, type DocumentCheckInput } from './check';
export { DocumentReportConfig, DocumentConfigError, parseConfig, DOCUMENT_TYPES } from './config';
export { readDocument, type DocumentReading, type ReadOptions } from './reading';
export { extractedData, PRINTED_MIN_CONFIDENCE, type ExtractedData } from './extracted';
export { closeOcr } from './ocr';
export { MINIMUM_ACCEPTED_AGE } from './areas-data';
export { QUALITY_THRESHOLDS } from './image-quality';
