/** A validation problem: a stable code, the task it concerns (or null), how to fix it, and where. */
export interface Problem { code: string; task: string | null; message: string; path: string }

/** Every code the validator can report, with the rule it enforces (README and tests list them). */
export const PROBLEM_CODES = {
  invalid_json: 'the definition is not JSON',
  invalid_field: 'a field is missing, has the wrong type or an unknown name (schema)',
  unknown_task_type: 'a task type that does not exist',
  unknown_task_version: 'a task version newer than the latest of its type',
  duplicate_id: 'two tasks share an id',
  unknown_start: 'start names no task',
  dangling_next: 'a route names a task that does not exist',
  unreachable_task: 'no route from start reaches the task',
  route_without_result: 'a route ends without a result task',
  result_in_branch: 'a result task inside a parallel branch',
  branch_escape: 'a task reached from two branches, or from a branch and the main route',
  cycle_without_retry: 'a cycle that does not pass through a retry task',
  missing_prerequisite: 'a report not preceded on every route by the capture it needs',
  retry_not_from_logic: 'a retry task reached other than directly from a logic branch',
  retry_max_out_of_range: 'max_retries outside 1..3',
  retry_target_not_interactive: 'a retry target that is not an interactive capture task',
  retry_target_not_preceding: 'a retry target that does not precede the retry on every route',
  retry_target_across_parallel: 'a retry and its target on different sides of a parallel boundary',
  unknown_task_in_path: 'a path names a task that does not exist',
  path_not_preceding: 'a path names a task that does not precede its use on every route',
  input_not_configured: 'a path names an input the workflow does not configure',
  unknown_output_field: 'a path names a field that the task output does not have',
  op_type_mismatch: 'a comparison whose op does not fit the type of its path',
  value_type_mismatch: 'a comparison value that does not fit the type of its path',
  missing_value: 'an op that compares against a value has none',
  unexpected_value: 'an op that takes no value has one',
  undeclared_output: 'a result output property not declared in the workflow output',
  timeout_out_of_range: 'a timeout outside 1 s .. 365 days',
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;

export const problem = (code: ProblemCode, task: string | null, path: string, message: string): Problem =>
  ({ code, task, message, path });
