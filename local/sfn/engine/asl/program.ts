import { DefinitionError, parseDefinition, type MachineDef, type QueryLanguage, type StateDef } from './definition';

/** A parsed definition with every nested machine (Parallel branch, Map processor) indexed by scope key. */
export interface Program {
  root: MachineDef;
  scopes: Map<string, MachineDef>;
  topLanguage: QueryLanguage;
}

export function branchScope(parent: string, state: string, i: number): string { return `${parent}/${state}[${i}]`; }
export function mapScope(parent: string, state: string): string { return `${parent}/${state}`; }

export function languageOf(p: Program, st: StateDef): QueryLanguage {
  return st.QueryLanguage ?? p.topLanguage;
}

const cache = new Map<string, Program>();

/** Parses and indexes a definition; memoised because every event of an execution needs it. */
export function loadProgram(text: string): Program {
  const hit = cache.get(text);
  if (hit) return hit;
  const root = parseDefinition(text);
  const scopes = new Map<string, MachineDef>();
  const problems: string[] = [];
  index(root, '', scopes, problems);
  if (problems.length) throw new DefinitionError(`Invalid state machine definition: ${problems.join('; ')}`);
  const p: Program = { root, scopes, topLanguage: root.QueryLanguage ?? 'JSONPath' };
  if (cache.size > 500) cache.clear();
  cache.set(text, p);
  return p;
}

function index(m: MachineDef, key: string, scopes: Map<string, MachineDef>, problems: string[]): void {
  if (!m || typeof m.States !== 'object' || typeof m.StartAt !== 'string') {
    problems.push(`machine at '${key || '/'}' needs StartAt and States`);
    return;
  }
  scopes.set(key, m);
  if (!(m.StartAt in m.States)) problems.push(`StartAt '${m.StartAt}' is not a state of '${key || '/'}'`);
  for (const [name, st] of Object.entries(m.States)) {
    const targets = [st.Next, st.Default, ...(st.Catch ?? []).map((c) => c.Next), ...(st.Choices ?? []).map((c) => c.Next)];
    for (const t of targets) if (t !== undefined && !(t in m.States)) problems.push(`state '${name}' refers to missing state '${t}'`);
    if (st.Type === 'Parallel') (st.Branches ?? []).forEach((b, i) => index(b, branchScope(key, name, i), scopes, problems));
    if (st.Type === 'Map') {
      const proc = st.ItemProcessor ?? st.Iterator;
      if (!proc) problems.push(`Map state '${name}' needs an ItemProcessor`);
      else index(proc, mapScope(key, name), scopes, problems);
    }
  }
}
