/** The evidence folder: a ZIP of the signed PDF, every medium as uploaded, and every report and the run as JSON. */
import { zipSync } from 'fflate';
import type { Evidence } from './gather';

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

export function evidenceFolder(ev: Evidence, signedPdf: Buffer): Buffer {
  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    'evidence.pdf': signedPdf,
    'workflow_run.json': json(ev.run),
    'applicant.json': json(ev.applicant ?? null),
    'tasks.json': json(ev.tasks.map(({ token: _token, ...t }) => t)),
  };
  for (const t of ev.tasks.filter((x) => x.kind === 'report')) files[`reports/${safe(t.workflow_task_id)}.json`] = json(t.output ?? null);
  for (const m of ev.media) files[`media/${m.meta.kind}/${m.meta.id}.${safe(m.meta.file_type)}`] = m.bytes;
  // Stored, not deflated: images and PDFs are compressed already; mtime fixed so equal inputs give equal bytes.
  return Buffer.from(zipSync(files, { level: 0, mtime: new Date(ev.run.created_at) }));
}
