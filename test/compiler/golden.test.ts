/** Golden files: each task type's definition → its expected ASL. `UPDATE_GOLDEN=1 npx jest golden` rewrites them. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { compile, LOCAL_CONTEXT, TASK_TYPES } from '../../compiler';
import { jsonFiles, readJson } from '../helpers/fixtures';

const goldens = jsonFiles('golden', '.workflow.json');

describe('golden ASL', () => {
  it('covers every task type', () => {
    const names = new Set(goldens.map((g) => g.name.replace('.workflow.json', '')));
    expect(TASK_TYPES.filter((t) => !names.has(t))).toEqual([]);
  });

  it.each(goldens)('$name compiles to its golden ASL', ({ path }) => {
    const result = compile(readJson(path), LOCAL_CONTEXT);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const expected = path.replace('.workflow.json', '.asl.json');
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expected)) {
      if (process.env.CI) throw new Error(`golden file missing: ${expected}`);
      writeFileSync(expected, result.json);
    }
    expect(result.json).toBe(readFileSync(expected, 'utf8'));
  });
});
