/**
 * Frames of a selfie video, decoded offline by the ffmpeg binary that `@ffmpeg-installer/linux-x64`
 * ships inside its npm package (a static 2018 build; it decodes H.264, HEVC, VP8/VP9 in MP4,
 * WebM and MOV). Images pass through unchanged, so a capture client may upload frames instead.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { processSettings } from '../../shared/config';
import type { Media } from '../types';
import { FaceInputError } from './errors';

const run = promisify(execFile);

export const FRAMES_PER_VIDEO = 5;
/** Motion is sampled at a fixed pace, a frame every half second (18 of the capture page's 9 s
 *  recording, at most 30 of 15 s), so each turn of the head is seen near its widest. A turn past
 *  the head-turn threshold lasts about a second; a fixed count of 8 frames spread over 9 s (one every
 *  1.1 s) could fall on both sides of it: a genuine -26° turn (seed 1006 of the liveness corpus)
 *  was read at -5° twice and judged `head_turned_one_way_only`. */
export const MOTION_FRAME_SECONDS = 0.5;

/** How a video is sampled: a number of frames spread over its length, or one every `every` seconds. */
export type Sampling = number | { every: number };
const FFMPEG_TIMEOUT_MS = 20_000;
/** A video sampled by pace whose length neither ffmpeg nor the caller tells gives at most this many frames. */
const MAX_PACED_FRAMES = 30;

export function ffmpegPath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when no FFMPEG_PATH is set
  return processSettings().FFMPEG_PATH ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function isVideo(media: Media): boolean {
  return media.contentType.startsWith('video/');
}

/** A live image, or a frame of a video with its time: `at` seconds from the start of `video`
 *  (whose length, when ffmpeg can tell, is `duration`). Uploaded images carry no time. */
export interface Frame extends Media {
  video?: string;
  at?: number;
  duration?: number;
}

/** Every image as is, every video as `perVideo` frames evenly spread over its length (or one every
 *  `perVideo.every` seconds), or over its first `withinSeconds` when given (then a longer video is
 *  cut there, and one whose length ffmpeg cannot tell, as MediaRecorder's WebM, is sampled over that span). */
export async function framesOf(media: Media[], perVideo: Sampling = FRAMES_PER_VIDEO, withinSeconds?: number): Promise<Frame[]> {
  const out: Frame[] = [];
  for (const item of media) {
    if (!isVideo(item)) { out.push(item); continue; }
    const { frames, duration } = await timedFrames(item.bytes, perVideo, withinSeconds);
    frames.forEach(({ bytes, at }, i) => out.push({ id: `${item.id}#frame${i}`, bytes, contentType: 'image/jpeg', video: item.id, at, ...(duration === undefined ? {} : { duration }) }));
  }
  return out;
}

/** JPEG frames of a video. */
export async function extractFrames(video: Buffer, count: number): Promise<Buffer[]> {
  return (await timedFrames(video, count)).frames.map((f) => f.bytes);
}

/** ffmpeg reads a file because MP4 indexes may sit at the end; its fps filter puts output frame k at k / fps. */
async function timedFrames(video: Buffer, sampling: Sampling, withinSeconds?: number): Promise<{ frames: Array<{ bytes: Buffer; at: number }>; duration?: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'face-frames-'));
  try {
    const input = path.join(dir, 'input');
    await writeFile(input, video);
    const duration = await durationOf(input);
    const span = duration && duration > 0 ? Math.min(duration, withinSeconds ?? duration) : withinSeconds;
    const count = typeof sampling === 'number' ? sampling : span ? Math.max(1, Math.ceil(span / sampling.every - 1e-9)) : MAX_PACED_FRAMES;
    const fps = typeof sampling === 'number' ? (span ? count / span : 2) : 1 / sampling.every;
    await ffmpeg(['-v', 'error', '-i', input, '-vf', `fps=${fps.toFixed(4)}`, '-frames:v', String(count), '-q:v', '2', path.join(dir, 'frame-%02d.jpg')]);
    const names = (await readdir(dir)).filter((n) => n.startsWith('frame-')).sort();
    if (names.length === 0) throw new FaceInputError(`The video (${video.length} bytes) has no decodable frame`);
    const frames = await Promise.all(names.map(async (n, k) => ({ bytes: await readFile(path.join(dir, n)), at: Math.round((k / fps) * 100) / 100 })));
    return { frames, ...(duration === undefined ? {} : { duration }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** ffmpeg prints `Duration: 00:00:04.20` for `-i` alone, then exits 1 as no output is named. */
async function durationOf(file: string): Promise<number | undefined> {
  const stderr = await run(ffmpegPath(), ['-hide_banner', '-i', file], { timeout: FFMPEG_TIMEOUT_MS })
    .then((r) => r.stderr, (error: { stderr?: string }) => error.stderr ?? '');
  const m = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

async function ffmpeg(args: string[]): Promise<void> {
  try {
    await run(ffmpegPath(), args, { timeout: FFMPEG_TIMEOUT_MS, maxBuffer: 4 << 20 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new FaceInputError(`ffmpeg could not decode the video: ${(e.stderr ?? e.message).trim().slice(0, 300)}`, { cause: error });
  }
}
