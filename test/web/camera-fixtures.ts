/**
 * What Chromium's fake camera plays in the capture page's camera tests and screenshot scripts:
 * a y4m of a still image, a document lying on a table, the astronaut framed as a selfie.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { path as ffmpeg } from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import { original } from '../../fixtures/faces/variants';

/** A two-second y4m of a still image in `dir` (even dimensions, as the y4m needs), for Chromium's fake camera. */
export function y4m(dir: string, name: string, png: Buffer): string {
  const still = path.join(dir, `${name}.png`);
  const out = path.join(dir, `${name}.y4m`);
  writeFileSync(still, png);
  execFileSync(ffmpeg, ['-loglevel', 'error', '-y', '-loop', '1', '-i', still, '-t', '2', '-r', '10', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/**
 * `doc` lying on a grey, slightly grainy table with a margin all round, as a phone camera sees it
 * (`left`/`top` may push it out of the frame). The document report's MRZ locator does not find the
 * MRZ of a passport on a dark surface yet, so the table is a light one.
 */
export async function onTable(doc: Buffer, left = 40, top = 40): Promise<Buffer> {
  const width = 1080; const height = 784;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) { const n = ((i * 7919) % 13) - 6; raw[i] = 160 + n; raw[i + 1] = 150 + n; raw[i + 2] = 138 + n; }
  const meta = await sharp(doc).metadata();
  const x0 = Math.max(0, -left); const y0 = Math.max(0, -top);
  const part = await sharp(doc).extract({ left: x0, top: y0, width: Math.min(meta.width!, width - left) - x0, height: Math.min(meta.height!, height - top) - y0 }).toBuffer();
  return sharp(raw, { raw: { width, height, channels: 3 } }).composite([{ input: part, left: Math.max(0, left), top: Math.max(0, top) }]).png().toBuffer();
}

/** The astronaut's photo framed as a selfie (3:4, her face in the middle of the oval). */
export async function selfieFrame(): Promise<Buffer> {
  const padded = await sharp(original('astronaut')).extend({ top: 100, background: '#8a8a8a' }).png().toBuffer();
  return sharp(padded).extract({ left: 75, top: 10, width: 300, height: 400 }).resize(480, 640).png().toBuffer();
}
