/** The only door into events/: see contract.ts. */
export * from './contract';
