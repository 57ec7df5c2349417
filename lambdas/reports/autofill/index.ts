export { extractDocument, REQUIRED_FIELDS, type AutofillInput, type AutofillResult } from './extract';
