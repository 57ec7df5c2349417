/**
 * The seam between the two halves of the embedded Step Functions engine:
 *  - `local/sfn/engine/`  executes ASL durably (interpreter, timers, task tokens, persistence);
 *  - `local/sfn/service/` is the control plane (state machines, versions, aliases) and the
 *    AWS JSON 1.0 HTTP API that @aws-sdk/client-sfn talks to.
 * The service only uses the engine through `Engine`; the engine knows nothing of HTTP.
 */

/** Milliseconds since the epoch. Tests inject a virtual clock and move it forward. */
export interface Clock {
  now(): number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;          // the unqualified machine ARN
  stateMachineVersionArn?: string;  // when started through a version or an alias
  stateMachineAliasArn?: string;
  name: string;
  status: ExecutionStatus;
  input: string;                    // JSON text, as AWS returns it
  output?: string;                  // JSON text, SUCCEEDED only
  error?: string;
  cause?: string;
  startDate: number;                // ms epoch
  stopDate?: number;
}

/** One GetExecutionHistory event, shaped as AWS shapes it (`type`, `id`, `previousEventId`,
 *  `timestamp` and one `<camelCaseType>EventDetails` member). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface StartRequest {
  executionArn: string;
  stateMachineArn: string;
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  name: string;
  definition: string;               // ASL JSON text of the version being run
  roleArn?: string;
  input: string;                    // JSON text
}

/** A Lambda handler as deployed: (event, context) => result; thrown errors become task failures. */
export type LambdaHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;
export interface LambdaContext {
  functionName: string;
  awsRequestId: string;
}

export interface Engine {
  /** Starts (and persists) an execution; returns once it is durably recorded. */
  start(req: StartRequest): Promise<ExecutionRecord>;
  describe(executionArn: string): Promise<ExecutionRecord | undefined>;
  list(filter: { stateMachineArn?: string; status?: ExecutionStatus }): Promise<ExecutionRecord[]>;
  history(executionArn: string): Promise<HistoryEvent[]>;
  stop(executionArn: string, error?: string, cause?: string): Promise<ExecutionRecord>;
  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
  sendTaskHeartbeat(taskToken: string): Promise<void>;
  /** Resolves when no execution can make progress without an outside event or a timer. */
  idle(): Promise<void>;
  /** Virtual-clock tests: fire every timer due at or before clock.now(). */
  fireDueTimers(): Promise<void>;
  close(): Promise<void>;
}

/** Errors the engine throws for API calls; `name` is AWS's exception name. */
export class SfnApiError extends Error {
  constructor(public override readonly name: string, message: string, public readonly httpStatus = 400) {
    super(message);
  }
}
