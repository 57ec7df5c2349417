/** The embedded Step Functions execution engine: the only door into local/sfn/engine. */
import { StepFunctionsEngine, type EngineOptions, type SfnEngine } from './engine';

export type { EngineOptions, SfnEngine } from './engine';
export type { EventBus, PutEventsEntry } from './tasks/types';
export type { ExecutionStore, StoredExecution } from './store/store';
export { MemoryStore } from './store/store';
export { FileStore } from './store/file-store';
export { seededRandom, uuidFrom, type Randomness } from './asl/randomness';

/** Creates an engine; with `dataDir` it is durable and resumes the executions stored there. */
export function createEngine(options: EngineOptions = {}): SfnEngine {
  return new StepFunctionsEngine(options);
}
