export * from './common';
export * from './conditions';
export * from './tasks';
export * from './workflow';
