/**
 * What a compiled workflow carries of report outputs and of the applicant: only the fields its
 * conditions, result outputs and Send/Receive data name (the execution's history keeps them).
 */
import { compile, findTemplate, keepPaths, LOCAL_CONTEXT, references, type StateMachine, type Workflow } from '../../compiler';

const payloadOf = (asl: StateMachine, state: string) => (asl.States[state]!.Arguments as { Payload: Record<string, unknown> }).Payload;

describe('references', () => {
  it('names the output fields and applicant fields read, nested branches and path values included', () => {
    const refs = references([
      { id: 'l', type: 'logic', branches: [{ when: { all: [
        { path: 'tasks.doc.output.breakdown.age_validation.result', op: 'eq', value: 'clear' },
        { path: 'input.applicant.dob', op: 'before', value: { path: 'tasks.doc.output.properties.date_of_expiry' } },
      ] }, next: 'r' }] },
      { id: 'p', type: 'parallel', branches: [{ start: 'x', tasks: [{ id: 'x', type: 'result', output: { hits: 'tasks.watch.output.breakdown.hits[0]', face: 'tasks.face.output' } }] }] },
    ]);
    expect(refs.outputs.get('doc')).toEqual([['breakdown', 'age_validation', 'result'], ['properties', 'date_of_expiry']]);
    expect(refs.outputs.get('watch')).toEqual([['breakdown', 'hits']]);
    expect(refs.outputs.get('face')).toBe('all');
    expect(refs.applicant).toEqual(new Set(['dob']));
  });

  it('keepPaths copies only the kept paths and never writes into the value', () => {
    const value = { result: 'clear', breakdown: { a: { result: 'clear', properties: { mrz: 'P<GBR' } }, b: { result: 'consider' } }, properties: { name: 'Jane' } };
    const copy = structuredClone(value);
    expect(keepPaths(value, [['breakdown', 'a', 'result'], ['breakdown', 'b'], ['missing', 'x']])).toEqual({ breakdown: { a: { result: 'clear' }, b: { result: 'consider' } } });
    expect(keepPaths(value, [['breakdown', 'a', 'result'], ['breakdown']])).toEqual({ breakdown: value.breakdown });
    expect(value).toEqual(copy);
    expect(keepPaths(value, 'all')).toBe(value);
  });
});

describe('compiled report tasks', () => {
  it('the document + selfie template keeps only the results of its reports', () => {
    const c = compile(findTemplate('document_selfie_photo')!.definition, LOCAL_CONTEXT);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    expect(payloadOf(c.asl, 'document_report').keep).toBe('{% [["result"],["sub_result"]] %}');
    expect(payloadOf(c.asl, 'facial_similarity').keep).toBe('{% [["result"]] %}');
  });

  it('a result that outputs a whole report gets it whole (no keep)', () => {
    const def = structuredClone(findTemplate('document_selfie_photo')!.definition) as Workflow;
    const approve = def.tasks.find((t) => t.id === 'approve')!;
    if (approve.type !== 'result') throw new Error('approve is a result');
    approve.output = { face: 'tasks.facial_similarity.output' };
    def.output = { ...def.output, face: { format: 'other' } };
    const c = compile(def, LOCAL_CONTEXT);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    expect(payloadOf(c.asl, 'facial_similarity')).not.toHaveProperty('keep');
  });
});
