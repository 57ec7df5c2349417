/**
 * A stored version compiled for this deployment: the compile context comes from configuration,
 * and the Comment names the workflow version, so that every workflow version is its own state
 * machine revision (and so its own published state machine version).
 */
import { compile, emit, isInteractive, validate, type CompileContextInput, type Problem, type StateMachine } from '../../compiler';
import { config, type Config } from '../shared/config';

/** The AWS partition of a region: the ARNs of the state machines' service integrations. */
export const partitionOf = (region: string) => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

export const compileContext = (c: Config = config()): CompileContextInput => ({
  taskFunction: c.TASK_FUNCTION, reportFunction: c.REPORT_FUNCTION, runsTable: c.TABLE_NAME, eventBusName: c.EVENT_BUS_NAME,
  partition: partitionOf(c.AWS_REGION),
});

export type Compiled = { ok: true; asl: StateMachine; json: string } | { ok: false; problems: Problem[] };

export function compileVersion(workflowId: string, version: number, definition: unknown): Compiled {
  const result = compile(definition, compileContext());
  if (!result.ok) return { ok: false, problems: result.problems };
  const asl: StateMachine = { ...result.asl, Comment: `${result.asl.Comment} · workflow ${workflowId} version ${version}` };
  return { ok: true, asl, json: emit(asl) };
}

/**
 * What a capture client must be able to do to run this version: the interactive task types it
 * uses, sorted (nested parallel branches included).
 */
export function captureCapabilities(definition: unknown): string[] {
  const v = validate(definition);
  if (!v.workflow) return [];
  return [...new Set(v.workflow.tasks.filter((t) => isInteractive(t.type)).map((t) => t.type))].sort();
}
