/**
 * What the client says it is: browser and OS from the user agent (bowser), automation from
 * isbot's list of crawler and headless patterns, and emulator / spoofing hints from the user
 * agent and the signals the capture page collected.
 */
import Bowser from 'bowser';
import { isbot } from 'isbot';

export interface DeviceSignals {
  ip?: string;
  user_agent?: string;
  /** navigator.webdriver: true under Selenium, Puppeteer, Playwright. */
  webdriver?: boolean;
  /** WebGL UNMASKED_RENDERER_WEBGL. */
  gpu_renderer?: string;
  /** navigator.platform. */
  platform?: string;
  max_touch_points?: number;
}

const EMULATOR_UA = [/sdk_gphone/i, /Android SDK built for/i, /google_sdk/i, /\bEmulator\b/i, /Genymotion/i, /generic_x86/i, /vbox86p/i, /\bBlueStacks\b/i];
const VIRTUAL_GPU = [/SwiftShader/i, /llvmpipe/i, /Android Emulator/i, /VirtualBox/i, /VMware/i, /Mesa OffScreen/i];

export function describeClient(s: DeviceSignals) {
  const ua = s.user_agent ?? '';
  const parsed = ua ? Bowser.parse(ua) : undefined;
  const os = parsed?.os.name;
  const hints: string[] = [];
  for (const re of EMULATOR_UA) if (re.test(ua)) hints.push(`user agent names an emulator build (${re.source})`);
  if (s.gpu_renderer && VIRTUAL_GPU.some((re) => re.test(s.gpu_renderer ?? ''))) hints.push(`software or virtual GPU "${s.gpu_renderer}"`);
  const mobile = os === 'iOS' || os === 'Android';
  if (mobile && s.platform && /^(Win|MacIntel|Linux x86_64)/.test(s.platform) && !(os === 'iOS' && s.platform === 'MacIntel' && (s.max_touch_points ?? 0) > 0)) {
    hints.push(`user agent says ${os} but the platform is "${s.platform}"`);
  }
  if (mobile && s.max_touch_points === 0) hints.push(`user agent says ${os} but the screen has no touch points`);
  const automation: string[] = [];
  if (ua && isbot(ua)) automation.push('user agent of a crawler or headless browser');
  if (!ua) automation.push('no user agent');
  if (s.webdriver) automation.push('navigator.webdriver is set (browser automation)');
  return {
    browser: parsed?.browser.name ? { name: parsed.browser.name, version: parsed.browser.version ?? null } : null,
    os: os ? { name: os, version: parsed?.os.version ?? null } : null,
    platform_type: parsed?.platform.type ?? null,
    emulator_hints: hints,
    automation,
  };
}
