/**
 * Files go straight to S3 (`/v3.6/uploads`): the API hands out a presigned POST (files up to
 * 5 MB: one request, retried whole) or presigned parts (larger files), the browser sends the
 * bytes with XMLHttpRequest (upload progress), then asks the API to confirm, which checks the
 * object and answers the media. A request that fails on the network or the server side is
 * retried with back-off (1, 2, 4, 8, 16 s); before each retry the page asks the API which parts
 * S3 already holds (with fresh URLs), so only the missing parts are sent again. A request to S3
 * that makes no progress for `stallMs` (timeouts.ts: a stall, not a total limit, since a large
 * file on a slow network may rightly take minutes) is aborted and retried the same way.
 */
import type { Media } from './api';
import { LIMITS, stallTimer, TIMEOUT } from './timeouts';

export type UploadKind = 'documents' | 'live_photos' | 'live_videos' | 'motion_captures';
export interface Progress { loaded: number; total: number }
interface Part { part_number: number; size: number; stored: boolean; url?: string }
interface Upload { id: string; method: 'post' | 'multipart'; post?: { url: string; fields: Record<string, string> }; part_size?: number; parts?: Part[] }
/** The API as the upload needs it: a JSON call with the session's token. */
export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;
/**
 * What an upload uses: the API, the page's error type (`error`: status 0 for the network, and type
 * `timeout` for a stall; its `status` tells what to retry, as the API's own errors), the progress
 * to report, the wait, and how long a request to S3 may go without progress.
 */
export interface UploadDeps {
  call: Call; error(message: string, status: number, type?: string): Error & { status: number }; progress: UploadProgress;
  sleep?(ms: number): Promise<unknown>; stallMs?: number;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000];

/** The progress of the page's upload, for the progress bar (useSyncExternalStore). */
export class UploadProgress {
  private current: Progress | undefined;
  private readonly listeners = new Set<() => void>();
  readonly subscribe = (fn: () => void) => { this.listeners.add(fn); return () => { this.listeners.delete(fn); }; };
  readonly snapshot = () => this.current;
  set(p: Progress | undefined) { this.current = p; this.listeners.forEach((fn) => fn()); }
}

/** Uploads `file` as a `kind` of the applicant with the form's other `fields`; the media the API made of it. */
export async function uploadFile(deps: UploadDeps, kind: UploadKind, applicantId: string, file: File, fields: Record<string, string>): Promise<Media> {
  const { call, progress } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const total = file.size;
  progress.set({ loaded: 0, total });
  try {
    let upload = await call<Upload>('POST', '/v3.6/uploads', {
      kind, applicant_id: applicantId, file_name: file.name || 'capture', content_type: file.type || await sniff(file), file_size: total, fields,
    });
    for (let failures = 0; ; failures++) {
      try {
        await send(deps, upload, file, (loaded) => progress.set({ loaded, total }));
        break;
      } catch (e) {
        if (!retryable(e) || failures >= BACKOFF_MS.length) throw e;
        await sleep(BACKOFF_MS[failures]!);
        upload = await retrying(() => call<Upload>('GET', `/v3.6/uploads/${encodeURIComponent(upload.id)}`), sleep);
      }
    }
    const media = await retrying(() => call<Media>('POST', `/v3.6/uploads/${encodeURIComponent(upload.id)}/confirm`), sleep);
    progress.set({ loaded: total, total });
    return media;
  } finally {
    progress.set(undefined);
  }
}

/** Sends what S3 does not hold yet: the whole file (POST), or each missing part (PUT). */
async function send(deps: UploadDeps, upload: Upload, file: File, onLoaded: (bytes: number) => void): Promise<void> {
  if (upload.method === 'post' && upload.post) {
    const form = new FormData();
    for (const [k, v] of Object.entries(upload.post.fields)) form.append(k, v);
    form.append('file', file);
    await request(deps, 'POST', upload.post.url, form, onLoaded);
    return;
  }
  const parts = upload.parts ?? [];
  const partSize = upload.part_size ?? file.size;
  let stored = parts.filter((p) => p.stored).reduce((n, p) => n + p.size, 0);
  onLoaded(stored);
  for (const part of parts) {
    if (part.stored || !part.url) continue;
    const start = (part.part_number - 1) * partSize;
    await request(deps, 'PUT', part.url, file.slice(start, start + part.size), (loaded) => onLoaded(stored + loaded));
    stored += part.size;
    onLoaded(stored);
  }
}

/**
 * One request to S3 with upload progress; an error of status 0 when the network failed or nothing
 * moved for `stallMs` (type `timeout`; 403: an expired URL, retried as 503).
 */
function request(deps: UploadDeps, method: string, url: string, body: FormData | Blob, onLoaded: (bytes: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const stall = stallTimer(deps.stallMs ?? LIMITS.stallMs);
    stall.signal.addEventListener('abort', () => {
      xhr.abort();
      reject(deps.error('The connection stopped sending the file.', 0, TIMEOUT));
    });
    xhr.open(method, url);
    xhr.upload.onprogress = (e) => { stall.touch(); onLoaded(e.loaded); };
    xhr.onprogress = () => stall.touch(); // the answer arriving
    xhr.onload = () => {
      stall.clear();
      if (xhr.status >= 200 && xhr.status < 300) resolve(); else reject(deps.error('The file could not be stored.', xhr.status === 403 ? 503 : xhr.status));
    };
    xhr.onerror = () => { stall.clear(); reject(deps.error('The connection failed. Check your internet connection and try again.', 0)); };
    xhr.send(body);
  });
}

/** Network failures, server errors and refused (expired) URLs are retried; the API's answers to the request itself are not. */
function retryable(e: unknown): boolean {
  const status = (e as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && (status === 0 || status === 429 || status >= 500);
}

async function retrying<T>(work: () => Promise<T>, sleep: (ms: number) => Promise<unknown>): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await work();
    } catch (e) {
      if (!retryable(e) || failures >= BACKOFF_MS.length) throw e;
      await sleep(BACKOFF_MS[failures]!);
    }
  }
}

/** The content type of a file the browser did not type, from its first bytes. */
async function sniff(file: Blob): Promise<string> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(4, 8) === 'ftyp') return /^hei|^mif1/.test(ascii(8, 12)) ? 'image/heic' : 'video/mp4';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  return 'application/octet-stream';
}
