/**
 * What every browser test file starts: a local stack serving the browser apps as the sources are
 * now (test/web/dist.ts: built once per change, not once per file) and Chromium
 * (`/usr/bin/chromium`, headless, no traffic of its own beyond the pages' loopback calls).
 */
import { chromium, type Browser } from 'playwright-core';
import type { StackOptions } from '../../local/stack';
import { e2e, type E2e } from '../e2e/helpers';
import { startTestStack, type TestStack } from '../helpers/stack';
import { builtWeb, type WebBuild } from './dist';

export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Chromium's arguments for a fake camera that shows `file` (a Y4M or MJPEG video), without asking. */
export const fakeCamera = (file: string): string[] =>
  ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];

/** Chromium with `extraArgs` (a fake camera, say) after the common ones. */
export const launch = (extraArgs: readonly string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });

/** The test file's stack (its own table, bucket, engine and gateway), serving web/dist (`build` 'test': web/.dist-test). */
export const startWebStack = async (options: StackOptions = {}, build: WebBuild = 'production'): Promise<TestStack> =>
  startTestStack({ staticDir: await builtWeb(build), ...options });

/** Closes every context of `browser` (run after each test): pages left open go on polling the stack and rendering until the file ends. */
export const closeContexts = async (browser: Browser | undefined): Promise<void> => {
  await Promise.all((browser?.contexts() ?? []).map((c) => c.close()));
};

export interface WebSuite { stack: TestStack; t: E2e; browser: Browser }

/**
 * What most browser test files set up: before their tests, the file's stack (`stack` options) and
 * Chromium, handed to `ready` (which may set up more; `build`: which build of the apps it serves); after each test, every context closed; after
 * all, Chromium closed and the stack stopped. A file's own clean-up goes in an afterAll of its own.
 */
export function webSuite(ready: (suite: WebSuite) => void | Promise<void>, o: { stack?: StackOptions; timeoutMs?: number; build?: WebBuild } = {}): void {
  let browser: Browser | undefined;
  let stack: TestStack | undefined;
  beforeAll(async () => {
    stack = await startWebStack(o.stack, o.build);
    browser = await launch();
    await ready({ stack, t: e2e(stack), browser });
  }, o.timeoutMs ?? 180_000);
  afterEach(() => closeContexts(browser));
  afterAll(async () => { await browser?.close(); await stack?.stop(); });
}
