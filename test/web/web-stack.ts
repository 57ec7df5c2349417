/**
 * What every browser test file starts: a local stack serving the browser apps as the sources are
 * now (test/web/dist.ts: built once per change, not once per file) and Chromium
 * (`/usr/bin/chromium`, headless, no traffic of its own beyond the pages' loopback calls).
 */
import { chromium, type Browser } from 'playwright-core';
import type { StackOptions } from '../../local/stack';
import { startTestStack, type TestStack } from '../helpers/stack';
import { builtWeb } from './dist';

export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Chromium's arguments for a fake camera that shows `file` (a Y4M or MJPEG video), without asking. */
export const fakeCamera = (file: string): string[] =>
  ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];

/** Chromium with `extraArgs` (a fake camera, say) after the common ones. */
export const launch = (extraArgs: readonly string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });

/** The test file's stack (its own table, bucket, engine and gateway), serving web/dist. */
export const startWebStack = async (options: StackOptions = {}): Promise<TestStack> =>
  startTestStack({ staticDir: await builtWeb(), ...options });

/** Closes every context of `browser` (run after each test): pages left open go on polling the stack and rendering until the file ends. */
export const closeContexts = async (browser: Browser | undefined): Promise<void> => {
  await Promise.all((browser?.contexts() ?? []).map((c) => c.close()));
};
