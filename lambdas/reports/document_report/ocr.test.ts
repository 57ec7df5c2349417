import sharp from 'sharp';
import { closeOcr, recogniseMrz, recogniseText } from './ocr';

it('closeOcr waits for the recognitions in flight instead of terminating the workers under them', async () => {
  const blank = await sharp({ create: { width: 240, height: 60, channels: 3, background: 'white' } }).png().toBuffer();
  const jobs = [recogniseText(blank), recogniseMrz(blank)];
  await closeOcr();
  await expect(Promise.all(jobs)).resolves.toEqual([[], []]);
});
