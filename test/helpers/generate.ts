/**
 * Generated workflows, for the property test and the compiler benchmark: a chain of blocks
 * (capture + report + logic with a retry, parallel checks, Send/Receive with routing, selfie +
 * facial similarity), ending in shared results. Valid by construction; `mutate` breaks them.
 */
export type Block = 'document' | 'parallel' | 'send' | 'face';
type T = Record<string, unknown>;

export function generateWorkflow(blocks: readonly Block[]): { name: string; start: string; output: T; tasks: T[] } {
  const tasks: T[] = [];
  const starts: string[] = [];
  const body: T[][] = [];
  blocks.forEach((kind, i) => {
    const own: T[] = [];
    const next = () => `NEXT`;
    switch (kind) {
      case 'document':
        starts.push(`doc_${i}`);
        own.push(
          { id: `doc_${i}`, type: 'document_capture', next: `report_${i}` },
          { id: `report_${i}`, type: 'document_report', next: `check_${i}` },
          { id: `check_${i}`, type: 'logic', branches: [
            { name: 'Expired', when: { path: `tasks.report_${i}.output.result`, op: 'eq', value: 'consider' }, next: `retry_${i}` },
          ], else: next() },
          { id: `retry_${i}`, type: 'retry', reasons: ['expired_document'], target: `doc_${i}`, max_retries: 2, limit_reached: 'review' },
        );
        break;
      case 'parallel':
        starts.push(`par_${i}`);
        own.push(
          { id: `par_${i}`, type: 'parallel', branches: [{ start: `watch_${i}` }, { start: `ident_${i}` }], next: `after_${i}` },
          { id: `watch_${i}`, type: 'watchlist_report', variant: 'aml', next: null },
          { id: `ident_${i}`, type: 'identity_report', next: null },
          { id: `after_${i}`, type: 'logic', branches: [{ when: { any: [
            { path: `tasks.watch_${i}.output.result`, op: 'eq', value: 'consider' },
            { path: `tasks.ident_${i}.output.result`, op: 'neq', value: 'clear' }] }, next: 'review' }], else: next() },
        );
        break;
      case 'send':
        starts.push(`send_${i}`);
        own.push(
          { id: `send_${i}`, type: 'send_receive', task_def_id: 'score', task_def_version: '1',
            send: { tier: { format: 'string', source: 'input.custom.tier' } }, receive: { score: { format: 'number', required: true } }, next: `route_${i}` },
          { id: `route_${i}`, type: 'logic', branches: [{ when: { path: `tasks.send_${i}.output.score`, op: 'gte', value: 80 }, next: 'decline' }], else: next() },
        );
        break;
      case 'face':
        starts.push(`selfie_${i}`);
        own.push(
          { id: `selfie_${i}`, type: 'face_capture_photo', next: `face_${i}` },
          { id: `face_${i}`, type: 'known_faces_report', next: next() },
        );
        break;
    }
    body.push(own);
  });
  body.forEach((own, i) => {
    const to = starts[i + 1] ?? 'approve';
    for (const t of own) {
      if (t.next === 'NEXT') t.next = to;
      if (t.else === 'NEXT') t.else = to;
      tasks.push(t);
    }
  });
  tasks.push({ id: 'approve', type: 'result', outcome: 'approve', reasons: ['clear'], output: { tier: 'input.custom.tier' } });
  if (blocks.includes('document') || blocks.includes('parallel')) tasks.push({ id: 'review', type: 'result', outcome: 'review' });
  if (blocks.includes('send')) tasks.push({ id: 'decline', type: 'result', outcome: 'decline' });
  return { name: `Generated ${blocks.length}`, start: starts[0] ?? 'approve', output: { tier: { format: 'string' } }, tasks };
}

/** A workflow of about `n` tasks, of repeated blocks in a fixed pattern (for benchmarks). */
export function workflowOfSize(n: number) {
  const pattern: Block[] = ['document', 'face', 'parallel', 'send'];
  const sizes = { document: 4, face: 2, parallel: 4, send: 2 };
  const blocks: Block[] = [];
  for (let count = 3; count < n;) { const b = pattern[blocks.length % pattern.length]!; blocks.push(b); count += sizes[b]; }
  return { ...generateWorkflow(blocks), input: { custom: { tier: { type: 'string' } } } };
}
