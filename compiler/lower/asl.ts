/** The ASL shapes the compiler emits (JSONata mode only). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface Catcher { ErrorEquals: string[]; Next: string; Assign?: Record<string, Json> }
export interface Retrier {
  ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number;
  MaxDelaySeconds?: number; JitterStrategy?: 'FULL' | 'NONE';
}
export type State = { Type: string; Comment?: string; [field: string]: unknown };
export type States = Record<string, State>;
export interface StateMachine {
  Comment: string;
  QueryLanguage: 'JSONata';
  StartAt: string;
  States: States;
}
/** Routing of a state: `Next`, or `End` at the end of a parallel branch. */
export type Route = { Next: string } | { End: true };
