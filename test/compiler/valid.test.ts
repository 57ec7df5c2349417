import { compile, LOCAL_CONTEXT, TEMPLATES, validate } from '../../compiler';
import { aslProblems } from '../helpers/asl-validators';
import { jsonFiles, readJson } from '../helpers/fixtures';

const cases = [
  ...TEMPLATES.map((t) => ({ name: `template ${t.name}`, definition: t.definition })),
  ...jsonFiles('valid').map((f) => ({ name: `fixture ${f.name}`, definition: readJson(f.path) })),
  ...jsonFiles('golden', '.workflow.json').map((f) => ({ name: `golden ${f.name}`, definition: readJson(f.path) })),
];

describe('valid workflows', () => {
  it.each(cases)('$name is valid, compiles, and both ASL validators accept it', async ({ definition }) => {
    expect(validate(definition).problems).toEqual([]);
    const result = compile(definition, LOCAL_CONTEXT);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.asl.QueryLanguage).toBe('JSONata');
    expect(await aslProblems(result.asl)).toEqual([]);
  });

  it('the validators do reject broken ASL (so that the test above can fail)', async () => {
    const broken = { QueryLanguage: 'JSONata', StartAt: 'a', States: { a: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', InputPath: '$.x', Next: 'missing' } } };
    const problems = await aslProblems(broken);
    expect(problems.some((p) => p.startsWith('asl-validator'))).toBe(true);
    expect(problems.some((p) => p.startsWith('asl-language-service'))).toBe(true);
  });

  it('there are five templates, each naming itself', () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual([
      'document_selfie_photo', 'document_motion_fallback', 'document_autofill_retry', 'us_profile_identity', 'watchlist_risk_score',
    ]);
  });
});
