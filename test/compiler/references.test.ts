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

  it('names custom data keys; what a Send/Receive task sends is read by its handler, not in the states', () => {
    const refs = references([
      { id: 'ask', type: 'send_receive', send: { a: { source: 'tasks.profile.output.ssn' }, b: { source: 'input.custom.note' }, c: { source: 'input.applicant.email' } }, next: 'l' },
      { id: 'l', type: 'logic', branches: [{ when: { path: 'input.custom.tier', op: 'eq', value: 'gold' }, next: 'r' }] },
      { id: 'r', type: 'result', output: { score: 'tasks.ask.output.score' } },
    ]);
    expect(refs.custom).toEqual(new Set(['tier']));
    expect(refs.applicant).toEqual(new Set());
    expect([...refs.outputs.keys()]).toEqual(['ask']);
    expect(references([{ id: 'r', type: 'result', output: { all: 'input.custom' } }]).custom).toBe('all');
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

describe('compiled profile capture and Send/Receive tasks', () => {
  const def = (output: Record<string, string>): Workflow => ({
    name: 'P', start: 'profile', input: { custom: { note: { type: 'string' } } },
    output: Object.fromEntries(Object.keys(output).map((k) => [k, { format: 'other' }])),
    tasks: [
      { id: 'profile', type: 'profile_data_capture', fields: ['first_name', 'last_name', 'address'], next: 'ask' },
      { id: 'ask', type: 'send_receive', task_def_id: 'risk', task_def_version: '1', next: 'approve',
        send: { surname: { format: 'string', source: 'tasks.profile.output.last_name' }, note: { format: 'string', source: 'input.custom.note' } },
        receive: { score: { format: 'number', required: true }, fname: { format: 'string', semantic: 'first_name' } } },
      { id: 'approve', type: 'result', outcome: 'approve', reasons: [], output },
    ],
  } as Workflow);
  const compiled = (w: Workflow) => { const c = compile(w, LOCAL_CONTEXT); if (!c.ok) throw new Error(JSON.stringify(c.problems)); return c.asl; };

  it('keep only the fields the workflow reads; the sent data is named by path, with the outputs of the tasks it names', () => {
    const asl = compiled(def({ country: 'tasks.profile.output.address.country', score: 'tasks.ask.output.score' }));
    expect(payloadOf(asl, 'profile').keep).toBe('{% [["address","country"]] %}');
    const ask = payloadOf(asl, 'ask');
    expect(ask.keep).toBe('{% [["score"]] %}');
    expect(ask).not.toHaveProperty('send');
    expect(ask.send_sources).toEqual({ note: 'input.custom.note', surname: 'tasks.profile.output.last_name' });
    expect(ask.outputs).toBe('{% {"profile": $t_profile} %}');
  });

  it('a whole output named by a result is kept whole (no keep); a received `id` of its own too', () => {
    expect(payloadOf(compiled(def({ profile: 'tasks.profile.output' })), 'profile')).not.toHaveProperty('keep');
    const w = def({});
    const ask = w.tasks[1]!;
    if (ask.type !== 'send_receive') throw new Error('ask is a Send/Receive task');
    ask.receive = { ...ask.receive, id: { format: 'string' } };
    expect(payloadOf(compiled(w), 'ask')).not.toHaveProperty('keep');
  });

  it('a report gets the paths of its semantic values, never the values', () => {
    const w = def({});
    w.tasks.splice(2, 0, { id: 'watch', type: 'watchlist_report', variant: 'standard', next: 'approve' } as Workflow['tasks'][number]);
    (w.tasks[1] as { next: string }).next = 'watch';
    const watch = payloadOf(compiled(w), 'watch');
    expect(watch).not.toHaveProperty('semantic');
    expect(watch.semantic_sources).toBe('{% {"first_name":["tasks.ask.output.fname"]} %}');
    expect(watch.outputs).toBe('{% {"ask": $t_ask} %}');
  });
});
