/**
 * PDFs drawn with pdfkit (standard fonts, no files read at run time): the evidence summary of a
 * run and its timeline. Deterministic for equal inputs (creation date from the run, no random ids).
 */
import PDFDocument from 'pdfkit';
import type { Evidence } from './gather';
import type { TimelineEvent } from './timeline';

type Doc = PDFKit.PDFDocument;

async function render(title: string, at: Date, draw: (doc: Doc) => void): Promise<Buffer> {
  // Uncompressed object streams are not used by pdfkit; the signature placeholder needs a classic xref.
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Producer: 'Open Studio', Creator: 'Open Studio', CreationDate: at } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const heading = (doc: Doc, text: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10);
const row = (doc: Doc, label: string, value: unknown) => {
  const v = value === undefined || value === null || value === '' ? '-' : typeof value === 'string' ? value : JSON.stringify(value);
  doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(v);
};

/** `breakdown` of a report as indented lines: `name: result` at each level. */
export function breakdownLines(breakdown: unknown, depth = 0): string[] {
  if (!breakdown || typeof breakdown !== 'object') return [];
  return Object.entries(breakdown as Record<string, unknown>).flatMap(([name, area]) => {
    const a = (area ?? {}) as { result?: unknown; breakdown?: unknown };
    return [`${'  '.repeat(depth)}${name}: ${a.result ?? '-'}`, ...breakdownLines(a.breakdown, depth + 1)];
  });
}

export function evidencePdf(ev: Evidence): Promise<Buffer> {
  return render(`Evidence: workflow run ${ev.run.id}`, new Date(ev.run.created_at), (doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text('Workflow run evidence').font('Helvetica').fontSize(10).moveDown(0.5);
    row(doc, 'Workflow run', ev.run.id);
    row(doc, 'Status', ev.run.status);
    row(doc, 'Reasons', ev.run.reasons.length ? ev.run.reasons.join(', ') : '-');
    row(doc, 'Workflow', `${ev.workflow.name} (${ev.workflow.id}), version ${ev.workflow.version}`);
    row(doc, 'Created', ev.run.created_at);
    row(doc, 'Completed', ev.item.completed_at);
    if (ev.item.review) {
      const r = ev.item.review;
      row(doc, 'Review decision', `${r.decision} by ${r.by} at ${r.at}`);
      row(doc, 'Review note', r.note);
    }
    heading(doc, 'Applicant');
    const a = ev.applicant;
    row(doc, 'Applicant id', ev.run.applicant_id);
    if (a) {
      row(doc, 'Name', [a.first_name, a.last_name].filter(Boolean).join(' '));
      row(doc, 'Date of birth', a.dob);
      row(doc, 'Email', a.email);
      row(doc, 'Address', a.address ? [a.address.line1, a.address.street, a.address.town, a.address.postcode, a.address.country].filter(Boolean).join(', ') : undefined);
    }
    heading(doc, 'Tasks');
    for (const t of ev.tasks) {
      doc.font('Helvetica-Bold').text(`${t.workflow_task_id} (${t.task_type})`).font('Helvetica');
      row(doc, '  Status', t.status);
      row(doc, '  Started', t.created_at);
      if (t.status !== 'waiting') row(doc, '  Ended', t.updated_at);
      if (t.kind === 'report' && t.output && typeof t.output === 'object') {
        const out = t.output as { result?: unknown; sub_result?: unknown; breakdown?: unknown };
        row(doc, '  Result', [out.result, out.sub_result].filter(Boolean).join(' / '));
        for (const line of breakdownLines(out.breakdown)) doc.text(`    ${line}`);
      }
    }
    heading(doc, 'Media');
    for (const m of ev.media) {
      row(doc, m.meta.kind, `${m.meta.id} (${m.meta.file_name}, ${m.meta.content_type}, ${m.meta.file_size} bytes)`);
      if (/^image\/(jpeg|png)$/.test(m.meta.content_type)) {
        try {
          if (doc.y > doc.page.height - 220) doc.addPage();
          doc.image(m.bytes, { fit: [200, 160] }).moveDown(0.5);
        } catch { doc.text('  (image not readable)'); }
      }
    }
    if (ev.run.output !== null && ev.run.output !== undefined) { heading(doc, 'Output'); doc.font('Courier').fontSize(8).text(JSON.stringify(ev.run.output, null, 2)); }
  });
}

export function timelinePdf(runId: string, events: TimelineEvent[], at: Date): Promise<Buffer> {
  return render(`Timeline: workflow run ${runId}`, at, (doc) => {
    doc.font('Helvetica-Bold').fontSize(18).text('Workflow run timeline').font('Helvetica').fontSize(10).moveDown(0.5);
    row(doc, 'Workflow run', runId);
    doc.moveDown(0.5);
    for (const e of events) doc.font('Helvetica-Bold').text(`${e.at}  `, { continued: true }).font('Helvetica').text(e.description);
  });
}
