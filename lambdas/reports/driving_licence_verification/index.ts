export { drivingLicenceReport, type DrivingLicenceEvidence } from './report';
export { parseAamva, aamvaDate, AamvaFormatError, type AamvaRecord } from './aamva';
export { licenceData, type LicenceData } from './licence';
export { readPdf417 } from './decode';
