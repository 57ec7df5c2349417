/** Small real media for the media tests: images by sharp, videos by the bundled ffmpeg. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package only has a CommonJS export
const ffmpeg = (): string => process.env.FFMPEG_PATH ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

export interface MediaFixtures { png: Buffer; jpg: Buffer; pdf: Buffer; webm: Buffer; mp4: Buffer }

export async function makeMediaFixtures(): Promise<MediaFixtures> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 60 } } });
  const dir = await mkdtemp(path.join(tmpdir(), 'media-fixtures-'));
  try {
    const video = async (name: string, codec: string[]) => {
      const out = path.join(dir, name);
      await promisify(execFile)(ffmpeg(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5:duration=1', ...codec, out]);
      return readFile(out);
    };
    return {
      png: await image.clone().png().toBuffer(),
      jpg: await image.clone().jpeg().toBuffer(),
      pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      webm: await video('v.webm', ['-c:v', 'libvpx', '-b:v', '100k']),
      mp4: await video('v.mp4', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A multipart form as a browser or the capture client sends it. */
export function form(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type?: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([file.bytes], file.type ? { type: file.type } : {}), file.name);
  return f;
}
