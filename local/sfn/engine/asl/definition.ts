import { z } from 'zod';
import type { Json } from './json';

/** Every field of every state type; the interpreter reads only those its type allows. */
export interface StateDef {
  Type: 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  QueryLanguage?: QueryLanguage;
  Next?: string; End?: boolean; Comment?: string;
  InputPath?: string | null; OutputPath?: string | null; ResultPath?: string | null;
  Parameters?: Json; ResultSelector?: Json; Result?: Json;
  Arguments?: Json; Output?: Json; Assign?: Record<string, Json>;
  Resource?: string; TimeoutSeconds?: number | string; HeartbeatSeconds?: number | string;
  TimeoutSecondsPath?: string; HeartbeatSecondsPath?: string; Credentials?: Json;
  Retry?: Retrier[]; Catch?: Catcher[];
  Choices?: ChoiceRule[]; Default?: string;
  Seconds?: number | string; Timestamp?: string; SecondsPath?: string; TimestampPath?: string;
  Error?: string; Cause?: string; ErrorPath?: string; CausePath?: string;
  Branches?: MachineDef[];
  ItemProcessor?: MachineDef & { ProcessorConfig?: { Mode?: string; ExecutionType?: string } };
  Iterator?: MachineDef;
  Items?: Json; ItemsPath?: string; ItemSelector?: Json; ItemReader?: Json; ResultWriter?: Json;
  ItemBatcher?: Json; Label?: string;
  MaxConcurrency?: number | string; MaxConcurrencyPath?: string;
  ToleratedFailureCount?: number | string; ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: number | string; ToleratedFailurePercentagePath?: string;
}

export type QueryLanguage = 'JSONata' | 'JSONPath';

export interface Retrier {
  ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number;
  MaxDelaySeconds?: number; JitterStrategy?: 'FULL' | 'NONE'; Comment?: string;
}
export interface Catcher {
  ErrorEquals: string[]; Next: string; ResultPath?: string | null;
  Output?: Json; Assign?: Record<string, Json>; Comment?: string;
}
/** Choice rules (JSONPath comparison operators or a JSONata Condition). */
export interface ChoiceRule {
  Next?: string; Condition?: Json; Assign?: Record<string, Json>; Output?: Json;
  Variable?: string; And?: ChoiceRule[]; Or?: ChoiceRule[]; Not?: ChoiceRule;
  [op: string]: unknown;
}

export interface MachineDef {
  StartAt: string;
  States: Record<string, StateDef>;
  QueryLanguage?: QueryLanguage;
  TimeoutSeconds?: number;
  Comment?: string;
  Version?: string;
}

const stateSchema = z.looseObject({
  Type: z.enum(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']),
});
const machineSchema = z.looseObject({
  StartAt: z.string(),
  States: z.record(z.string(), stateSchema),
  QueryLanguage: z.enum(['JSONata', 'JSONPath']).optional(),
  TimeoutSeconds: z.number().int().positive().optional(),
});

export class DefinitionError extends Error {
  override readonly name = 'InvalidDefinition';
}

/** Parses definition text at the boundary; nested machines are checked when indexed. */
export function parseDefinition(text: string): MachineDef {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (e) { throw new DefinitionError(`Definition is not JSON: ${(e as Error).message}`); }
  const r = machineSchema.safeParse(raw);
  if (!r.success) throw new DefinitionError(`Invalid state machine definition: ${r.error.message}`);
  return r.data as unknown as MachineDef;
}
