/**
 * Task versions are pinned when a version is saved (the contract's "Task updates": a version of a
 * workflow pins the task versions it was saved with): pinTaskVersions gives every task of a known
 * type that names no version its type's latest, keeps a named one, and leaves what it cannot read
 * alone. A pinned older version is an update the workflow shows; the compiled machine runs the
 * pinned version, not the latest.
 */
import { availableUpdates, compile, findTemplate, latestVersion, LOCAL_CONTEXT, pinTaskVersions, REGISTRY, validate, type TaskType, type Workflow } from '../../compiler';

const DOC_SELFIE = findTemplate('document_selfie_photo')!.definition as Workflow;

it('pins every task of the template to its type\'s latest version, and nothing else changes', () => {
  expect(DOC_SELFIE.tasks.some((t) => t.version !== undefined)).toBe(false);
  const pinned = pinTaskVersions(DOC_SELFIE) as Workflow;
  expect(pinned.tasks.map((t) => [t.id, t.version])).toEqual(DOC_SELFIE.tasks.map((t) => [t.id, latestVersion(t.type)]));
  expect(pinned.tasks.map(({ version: _v, ...rest }) => rest)).toEqual(DOC_SELFIE.tasks);
  expect({ ...pinned, tasks: [] }).toEqual({ ...DOC_SELFIE, tasks: [] });
  expect(validate(pinned).problems).toEqual([]);
  expect(availableUpdates(validate(pinned).workflow!)).toEqual([]);
});

it('keeps a version the definition names: an older one is an available update, and the machine runs it', () => {
  const older = { ...DOC_SELFIE, tasks: DOC_SELFIE.tasks.map((t) => (t.type === 'document_report' ? { ...t, version: 1 } : t)) };
  const pinned = pinTaskVersions(older) as Workflow;
  const report = pinned.tasks.find((t) => t.type === 'document_report')!;
  expect(report.version).toBe(1);
  expect(latestVersion('document_report')).toBeGreaterThan(1);
  expect(availableUpdates(validate(pinned).workflow!)).toEqual([expect.objectContaining({ task: report.id, from: 1, to: latestVersion('document_report') })]);
  const payloadOf = (d: Workflow) => {
    const compiled = compile(d, LOCAL_CONTEXT);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    return (compiled.asl.States[report.id] as unknown as { Arguments: { Payload: { report: string; task_version: number } } }).Arguments.Payload;
  };
  expect(payloadOf(pinned)).toMatchObject({ report: 'document_report', task_version: 1 });
  expect(payloadOf(pinTaskVersions(DOC_SELFIE) as Workflow)).toMatchObject({ report: 'document_report', task_version: latestVersion('document_report') });
});

it('leaves what it cannot read as it came: not an object, no task list, unknown types, tasks that are not objects', () => {
  for (const odd of ['not an object', null, 7, [], { name: 'x' }, { tasks: 'none' }]) expect(pinTaskVersions(odd)).toBe(odd);
  const mixed = { name: 'x', start: 'a', tasks: [{ id: 'a', type: 'no_such_type' }, 'text', { id: 'b', type: 'result', outcome: 'approve' }] };
  expect(pinTaskVersions(mixed)).toEqual({ ...mixed, tasks: [mixed.tasks[0], 'text', { ...mixed.tasks[2] as object, version: latestVersion('result') }] });
  expect(Object.keys(REGISTRY).every((type) => latestVersion(type as TaskType) >= 1)).toBe(true);
});
