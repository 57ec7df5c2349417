/**
 * A small stand-in for the execution engine, enough to exercise the service layer: it runs
 * Pass/Succeed/Fail chains at once and parks on `.waitForTaskToken` tasks until a callback.
 */
import { SfnApiError, type Clock, type Engine, type ExecutionRecord, type HistoryEvent, type StartRequest } from '../../contract';

interface State { Type: string; Next?: string; End?: boolean; Result?: unknown; Resource?: string; Error?: string; Cause?: string }
interface Run { record: ExecutionRecord; states: Record<string, State>; events: HistoryEvent[]; token?: { value: string; next?: string } }

export class FakeEngine implements Engine {
  readonly runs = new Map<string, Run>();
  readonly starts: StartRequest[] = [];
  private tokens = 0;

  constructor(private readonly clock: Clock) {}

  async start(req: StartRequest): Promise<ExecutionRecord> {
    this.starts.push(req);
    const def = JSON.parse(req.definition) as { StartAt: string; States: Record<string, State> };
    const { definition: _d, roleArn: _r, ...fields } = req;
    const run: Run = { record: { ...fields, status: 'RUNNING', startDate: this.clock.now() }, states: def.States, events: [] };
    this.runs.set(req.executionArn, run);
    this.emit(run, 'ExecutionStarted', { executionStartedEventDetails: { input: req.input, roleArn: req.roleArn } });
    this.advance(run, def.StartAt, req.input);
    return { ...run.record };
  }

  private emit(run: Run, type: string, details: Record<string, unknown> = {}): void {
    const id = run.events.length + 1;
    run.events.push({ id, previousEventId: id - 1, timestamp: this.clock.now(), type, ...details });
  }

  private finish(run: Run, status: ExecutionRecord['status'], fields: Partial<ExecutionRecord>): void {
    Object.assign(run.record, { status, stopDate: this.clock.now(), ...fields });
    const type = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', ABORTED: 'ExecutionAborted', TIMED_OUT: 'ExecutionTimedOut', RUNNING: '' }[status];
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    this.emit(run, type, { [key]: status === 'SUCCEEDED' ? { output: fields.output } : { error: fields.error, cause: fields.cause } });
  }

  private advance(run: Run, name: string | undefined, data: string): void {
    for (let at = name; at !== undefined; ) {
      const st = run.states[at];
      if (!st) throw new Error(`fake engine: no state ${at}`);
      this.emit(run, `${st.Type}StateEntered`, { stateEnteredEventDetails: { name: at, input: data } });
      if (st.Type === 'Fail') return this.finish(run, 'FAILED', { error: st.Error, cause: st.Cause });
      if (st.Type === 'Task' && st.Resource?.endsWith('.waitForTaskToken')) {
        run.token = { value: `token-${++this.tokens}`, ...(st.Next ? { next: st.Next } : {}) };
        return this.emit(run, 'TaskScheduled', { taskScheduledEventDetails: { resource: st.Resource, parameters: run.token.value } });
      }
      if (st.Type === 'Pass' && st.Result !== undefined) data = JSON.stringify(st.Result);
      this.emit(run, `${st.Type}StateExited`, { stateExitedEventDetails: { name: at, output: data } });
      at = st.End || st.Type === 'Succeed' ? undefined : st.Next;
    }
    this.finish(run, 'SUCCEEDED', { output: data });
  }

  private byToken(token: string): Run {
    const run = [...this.runs.values()].find((r) => r.token?.value === token);
    if (!run) throw new SfnApiError('TaskDoesNotExist', `Task Does Not Exist: '${token}'`);
    return run;
  }

  async describe(arn: string): Promise<ExecutionRecord | undefined> {
    const run = this.runs.get(arn);
    return run && { ...run.record };
  }
  async list(f: { stateMachineArn?: string; status?: ExecutionRecord['status'] }): Promise<ExecutionRecord[]> {
    return [...this.runs.values()].map((r) => ({ ...r.record })).filter((r) => (!f.stateMachineArn || r.stateMachineArn === f.stateMachineArn) && (!f.status || r.status === f.status));
  }
  async history(arn: string): Promise<HistoryEvent[]> {
    return structuredClone(this.runs.get(arn)?.events ?? []);
  }
  async stop(arn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    const run = this.runs.get(arn);
    if (!run) throw new SfnApiError('ExecutionDoesNotExist', arn);
    delete run.token;
    this.finish(run, 'ABORTED', { ...(error ? { error } : {}), ...(cause ? { cause } : {}) });
    return { ...run.record };
  }
  async sendTaskSuccess(token: string, output: string): Promise<void> {
    const run = this.byToken(token);
    const next = run.token?.next;
    delete run.token;
    this.emit(run, 'TaskSucceeded', { taskSucceededEventDetails: { output } });
    if (next) this.advance(run, next, output);
    else this.finish(run, 'SUCCEEDED', { output });
  }
  async sendTaskFailure(token: string, error?: string, cause?: string): Promise<void> {
    const run = this.byToken(token);
    delete run.token;
    this.finish(run, 'FAILED', { ...(error ? { error } : {}), ...(cause ? { cause } : {}) });
  }
  async sendTaskHeartbeat(token: string): Promise<void> {
    this.byToken(token);
  }
  async idle(): Promise<void> {}
  async fireDueTimers(): Promise<void> {}
  async close(): Promise<void> {}
}
