/**
 * The capture page's camera screen (web/capture/src/ui/Camera.tsx), for checks that must run on
 * it and not on the screen before or after the shutter (test/web/axe.ts `screenViolations`).
 */
import type { Page } from 'playwright-core';

const takePhoto = (page: Page) => page.getByRole('button', { name: 'Take photo' });

/** Waits (up to `timeout`) until the camera screen can shoot: "Take photo" shown and enabled (a trial click, which does not click). */
export async function cameraReady(page: Page, timeout = 30_000): Promise<void> {
  await takePhoto(page).click({ trial: true, timeout });
}

interface El { textContent: string | null; checkVisibility(): boolean }
interface Doc { querySelectorAll(selector: string): Iterable<El>; body: { innerText: string } }

/**
 * What keeps the page from showing the camera screen ready to shoot ([] when nothing does), read
 * from the page at one moment: the camera view shown and playing, "Take photo" shown and enabled,
 * no photo being checked or under review.
 */
export async function notCameraScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const all = (selector: string) => [...doc.querySelectorAll(selector)].filter((e) => e.checkVisibility());
    const wrong: string[] = [];
    const video = all('video[aria-label="Camera view"]')[0] as unknown as { paused: boolean; readyState: number; videoWidth: number } | undefined;
    if (!video) wrong.push('no camera view');
    else if (video.paused || video.readyState < 2 || !video.videoWidth) wrong.push('the camera view is not playing');
    const take = all('button').find((b) => b.textContent?.trim() === 'Take photo') as unknown as { disabled: boolean } | undefined;
    if (!take) wrong.push('no "Take photo"');
    else if (take.disabled) wrong.push('"Take photo" is disabled');
    if (doc.body.innerText.includes('Checking your photo…')) wrong.push('a photo is being checked');
    if (all('h1, h2, h3').some((h) => h.textContent?.trim() === 'Check your photo')) wrong.push('the review screen');
    if (all('img[alt="Your photo"]').length) wrong.push('a photo under review');
    return wrong;
  });
}
