/** A Step Functions runtime error: `error` is what ErrorEquals matches. */
export class StatesError extends Error {
  constructor(public readonly error: string, public readonly causeText?: string, public readonly location?: string) {
    super(`${error}: ${causeText ?? ''}`);
  }
}

export const StatesErrors = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Timeout: 'States.Timeout',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  QueryEvaluationError: 'States.QueryEvaluationError',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  NoChoiceMatched: 'States.NoChoiceMatched',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
} as const;

/** The prefix AWS puts before runtime error causes. */
export function statePrefix(state: string, enteredEventId: number): string {
  return `An error occurred while executing the state '${state}' (entered at the event id #${enteredEventId}).`;
}

/** Unsupported ASL features fail loudly rather than producing wrong output. */
export function unsupported(what: string): StatesError {
  return new StatesError(StatesErrors.Runtime, `Unsupported by this engine: ${what}`);
}
