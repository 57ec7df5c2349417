/** A Mermaid flowchart of a workflow, readable in any Markdown viewer. Works on invalid
 *  definitions too (what can be read is drawn), so that problems can be seen. */
import { routesOf, type RawTask } from './graph';

const SHAPES: Record<string, [string, string]> = {
  capture: ['[/', '/]'], report: ['[', ']'], logic: ['{', '}'], retry: ['{{', '}}'],
  send_receive: ['[[', ']]'], parallel: ['[\\', '/]'], result: ['([', '])'],
};
const KIND = (type: string) => (type.endsWith('_capture') || type.startsWith('face_capture') ? 'capture'
  : ['logic', 'retry', 'send_receive', 'parallel', 'result'].includes(type) ? type : 'report');
const esc = (s: string) => s.replace(/"/g, '#quot;');

export function toMermaid(definition: unknown): string {
  const doc = (definition ?? {}) as { start?: unknown; tasks?: unknown };
  const list = Array.isArray(doc.tasks) ? doc.tasks : [];
  const raw: RawTask[] = list.map((t, index) => {
    const o = (t ?? {}) as Record<string, unknown>;
    return { index, id: typeof o.id === 'string' ? o.id : `task_${index}`, type: String(o.type ?? ''), raw: o };
  });
  const lines = ['flowchart TD'];
  if (typeof doc.start === 'string') lines.push(`  start((start)) --> ${doc.start}`);
  for (const t of raw) {
    const [open, close] = SHAPES[KIND(t.type)] ?? ['[', ']'];
    const name = typeof t.raw.name === 'string' ? t.raw.name : t.id;
    const detail = t.type === 'result' ? `${String(t.raw.outcome)}` : t.type;
    lines.push(`  ${t.id}${open}"${esc(name)}<br/>${esc(detail)}"${close}`);
  }
  let ends = 0;
  for (const t of raw) {
    for (const e of routesOf(t)) {
      const label = e.kind === 'start' ? 'branch' : e.label;
      const arrow = e.kind === 'retry' ? '-.->' : '-->';
      const to = e.to ?? `end${++ends}((end))`;
      lines.push(`  ${t.id} ${arrow}${label ? `|"${esc(label)}"|` : ''} ${to}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
