import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { extractFrames, ffmpegPath, framesOf } from './frames';

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

  it('reports an undecodable video as a FaceInputError', async () => {
    await expect(extractFrames(Buffer.from('not a video at all'), 3)).rejects.toMatchObject({ name: 'FaceInputError', message: /ffmpeg could not decode/ });
  });
});
