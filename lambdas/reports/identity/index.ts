export { collectSources, firstOf, type PersonSource, type Address } from './sources';
