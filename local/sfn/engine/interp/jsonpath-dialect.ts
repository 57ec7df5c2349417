import { unsupported } from '../asl/errors';
import type { Dialect } from './dialect';

const no = async (): Promise<never> => { throw unsupported('JSONPath'); };
export const jsonpathDialect: Dialect = {
  effectiveInput: no, args: no, finish: no, catchOutput: no, choose: no, waitUntil: no, failFields: no,
  mapItems: no, mapItemInput: no, mapLimits: no, taskTimeouts: no,
};
