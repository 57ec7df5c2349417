export * from './build';
export { buildGraph } from './flatten';
export { analyse, type Analysis } from './analysis';
export { dominators, type Dominance } from './dominators';
