/** `studio validate|compile|graph|templates|template|schema`. */
import { compile, findTemplate, LOCAL_CONTEXT, TEMPLATES, toMermaid, validate, workflowJsonSchema, type CompileContextInput } from '../compiler';
import { readFileSync } from 'node:fs';
import { options, problemLine, readDefinition, writeOrPrint, type Out } from './io';

export function validateCommand(args: string[], out: Out): number {
  const { positional, flags } = options(args, []);
  const file = positional[0];
  if (!file) throw new Error('usage: studio validate FILE [--json]');
  const loaded = readDefinition(file);
  const problems = loaded.ok ? validate(loaded.value).problems : loaded.problems;
  if (flags.has('--json')) out.log(JSON.stringify({ valid: problems.length === 0, problems }, null, 2));
  else if (problems.length === 0) out.log('valid');
  else for (const p of problems) out.log(problemLine(p));
  return problems.length === 0 ? 0 : 1;
}

export function compileCommand(args: string[], out: Out): number {
  const { positional, flags } = options(args, ['-o', '--out', '--context']);
  const file = positional[0];
  if (!file) throw new Error('usage: studio compile FILE [-o OUT] [--context CONTEXT.json]');
  const loaded = readDefinition(file);
  if (!loaded.ok) { for (const p of loaded.problems) out.error(problemLine(p)); return 1; }
  const contextFile = flags.get('--context');
  const context = typeof contextFile === 'string' ? JSON.parse(readFileSync(contextFile, 'utf8')) as CompileContextInput : LOCAL_CONTEXT;
  const result = compile(loaded.value, context);
  if (!result.ok) { for (const p of result.problems) out.error(problemLine(p)); return 1; }
  const target = flags.get('-o') ?? flags.get('--out');
  writeOrPrint(out, result.json, typeof target === 'string' ? target : undefined);
  return 0;
}

export function graphCommand(args: string[], out: Out): number {
  const { positional, flags } = options(args, ['-o', '--out']);
  const file = positional[0];
  if (!file) throw new Error('usage: studio graph FILE [-o OUT]');
  const loaded = readDefinition(file);
  if (!loaded.ok) { for (const p of loaded.problems) out.error(problemLine(p)); return 1; }
  const target = flags.get('-o') ?? flags.get('--out');
  writeOrPrint(out, toMermaid(loaded.value), typeof target === 'string' ? target : undefined);
  return 0;
}

export function templatesCommand(_args: string[], out: Out): number {
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  for (const t of TEMPLATES) out.log(`${t.name.padEnd(width)}  ${t.title}: ${t.description}`);
  return 0;
}

export function templateCommand(args: string[], out: Out): number {
  const name = args[0];
  const template = name ? findTemplate(name) : undefined;
  if (!template) {
    out.error(`${name ? `no template named ${name}` : 'usage: studio template NAME'}; templates: ${TEMPLATES.map((t) => t.name).join(', ')}`);
    return 1;
  }
  out.log(JSON.stringify(template.definition, null, 2));
  return 0;
}

export function schemaCommand(args: string[], out: Out): number {
  const { flags } = options(args, ['-o', '--out']);
  const target = flags.get('-o') ?? flags.get('--out');
  writeOrPrint(out, `${JSON.stringify(workflowJsonSchema(), null, 2)}\n`, typeof target === 'string' ? target : undefined);
  return 0;
}
