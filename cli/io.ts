/** Small I/O helpers for the command line: read a definition, write output, print problems. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Problem } from '../compiler';

export interface Out { log(line: string): void; error(line: string): void }
export const stdio: Out = { log: (l) => process.stdout.write(`${l}\n`), error: (l) => process.stderr.write(`${l}\n`) };

export type Loaded = { ok: true; value: unknown } | { ok: false; problems: Problem[] };

export function readDefinition(file: string): Loaded {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try { return { ok: true, value: JSON.parse(text) }; } catch (e) {
    return { ok: false, problems: [{ code: 'invalid_json', task: null, path: '', message: `${file} is not JSON: ${(e as Error).message}` }] };
  }
}

export const problemLine = (p: Problem) => `${p.code} ${p.task ?? '-'} ${p.message}`;

export function writeOrPrint(out: Out, text: string, file: string | undefined): void {
  if (file) writeFileSync(file, text); else out.log(text.replace(/\n$/, ''));
}

/** `--flag value` and `-f value` options, with positional arguments left over. */
export function options(args: string[], withValue: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) { positional.push(a); continue; }
    if (withValue.includes(a)) {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      flags.set(a, v);
    } else flags.set(a, true);
  }
  return { positional, flags };
}

/** Resolves with the reason when the process is asked to stop (SIGINT, SIGTERM) or `signal` aborts. */
export function stopRequested(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => { process.off('SIGINT', onInt); process.off('SIGTERM', onTerm); resolve(why); };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) done('abort');
    signal?.addEventListener('abort', () => done('abort'), { once: true });
  });
}
