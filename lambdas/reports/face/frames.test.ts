import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { encodeVideo } from '../fixtures/faces/motion';
import { extractFrames, ffmpegPath, framesOf, MOTION_FRAME_SECONDS } from './frames';

/** A 3-second VP8 WebM (what browsers record) of a moving gradient, made by the bundled ffmpeg. */
async function webm(): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'frames-test-'));
  try {
    const out = path.join(dir, 'clip.webm');
    await promisify(execFile)(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15:duration=3', '-c:v', 'libvpx', '-b:v', '300k', out]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('frames', () => {
  it('spreads the requested number of JPEG frames over a WebM video', async () => {
    const frames = await extractFrames(await webm(), 4);
    expect(frames).toHaveLength(4);
    const meta = await sharp(frames[0]!).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it('passes images through and names video frames after their video', async () => {
    const image = { id: 'img', bytes: Buffer.from('x'), contentType: 'image/png' };
    const out = await framesOf([image, { id: 'vid', bytes: await webm(), contentType: 'video/webm' }], 2);
    expect(out.map((m) => m.id)).toEqual(['img', 'vid#frame0', 'vid#frame1']);
  });

  it('samples Motion every half second, each frame the one recorded at its time, cut at the time limit', async () => {
    // 9 s at 2 fps, frame i a flat grey of 20 + 12·i: what each sampled frame shows says when it was recorded.
    const greys = await Promise.all(Array.from({ length: 18 }, (_, i) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20 + 12 * i, g: 20 + 12 * i, b: 20 + 12 * i } } }).jpeg().toBuffer()));
    const video = { id: 'motion', bytes: await encodeVideo(greys, 2), contentType: 'video/mp4' };
    const frames = await framesOf([video], { every: MOTION_FRAME_SECONDS }, 15);
    expect(frames.map((f) => f.at)).toEqual(Array.from({ length: 18 }, (_, i) => i * 0.5));
    const means = await Promise.all(frames.map(async (f) => Math.round((await sharp(f.bytes).stats()).channels[0]!.mean)));
    means.forEach((mean, i) => expect(Math.abs(mean - (20 + 12 * i))).toBeLessThanOrEqual(4));
    expect((await framesOf([video], { every: MOTION_FRAME_SECONDS }, 4)).map((f) => f.at)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
  });

  it('reports an undecodable video as a FaceInputError', async () => {
    await expect(extractFrames(Buffer.from('not a video at all'), 3)).rejects.toMatchObject({ name: 'FaceInputError', message: /ffmpeg could not decode/ });
  });
});
