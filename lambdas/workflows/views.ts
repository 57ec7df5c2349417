/** What the API shows of workflows and versions (stored items → response bodies). */
import { availableUpdates, validate, type Problem } from '../../compiler';
import { ApiError } from '../shared/errors';
import { versionStatus, type VersionItem, type VersionStatus, type WorkflowItem } from '../store/workflows';

export type TaskUpdate = ReturnType<typeof availableUpdates>[number];

export interface WorkflowView {
  id: string; name: string; description: string; created_at: string; updated_at: string;
  active_version: number | null; versions: number; state_machine_arn: string | null; alias_arn: string | null; href: string;
}

export const workflowView = (w: WorkflowItem): WorkflowView => ({
  id: w.id, name: w.name, description: w.description, created_at: w.created_at, updated_at: w.updated_at,
  active_version: w.active_version ?? null, versions: w.versions,
  state_machine_arn: w.state_machine_arn ?? null, alias_arn: w.alias_arn ?? null, href: `/v3.6/workflows/${w.id}`,
});

export interface VersionSummary {
  workflow_id: string; version: number; status: VersionStatus; notes: string; created_at: string;
  /** Who saved it (a console user's email, or "API token"); null when not recorded. */
  created_by: string | null;
  problem_count: number; state_machine_version_arn: string | null; published_at: string | null; href: string;
}
export interface VersionView extends VersionSummary { definition: unknown; problems: Problem[]; updates: TaskUpdate[] }

const parseProblems = (v: VersionItem): Problem[] => JSON.parse(v.problems_json) as Problem[];

export const versionSummary = (w: WorkflowItem, v: VersionItem): VersionSummary => ({
  workflow_id: w.id, version: v.version, status: versionStatus(w, v), notes: v.notes, created_at: v.created_at, created_by: v.created_by ?? null,
  problem_count: parseProblems(v).length, state_machine_version_arn: v.state_machine_version_arn ?? null,
  published_at: v.published_at ?? null, href: `/v3.6/workflows/${w.id}/versions/${v.version}`,
});

/** A version with its definition, every problem and, when valid, the task updates available to it. */
export function versionView(w: WorkflowItem, v: VersionItem, updates?: TaskUpdate[]): VersionView {
  const definition: unknown = JSON.parse(v.definition_json ?? 'null');
  return { ...versionSummary(w, v), definition, problems: parseProblems(v), updates: updates ?? updatesOf(v.valid, definition) };
}

function updatesOf(valid: boolean, definition: unknown): TaskUpdate[] {
  if (!valid) return [];
  const checked = validate(definition);
  return checked.workflow ? availableUpdates(checked.workflow) : [];
}

/** 422 for a version that cannot be compiled: Onfido's error body, plus every problem. */
export class InvalidVersionError extends ApiError {
  constructor(readonly problems: Problem[]) {
    super(422, 'validation_error', 'The workflow version is invalid; fix the problems and save a new version',
      problemFields(problems));
    this.name = 'InvalidVersionError';
  }
  override body() {
    const base = super.body();
    return { error: { ...base.error, problems: this.problems } };
  }
}

function problemFields(problems: Problem[]): Record<string, string[]> {
  const fields: Record<string, string[]> = Object.create(null);
  for (const p of problems) (fields[p.path ? `definition.${p.path}` : 'definition'] ??= []).push(p.message);
  return fields;
}
