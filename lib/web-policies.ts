/**
 * What each browser app may do, as CloudFront response headers (lib/hosting.ts): a Content
 * Security Policy per app, the capture app's camera, and who may frame it. Pure data, so the
 * policies are tested as written (test/cdk/hosting.test.ts).
 */

/** The browser apps CloudFront serves from `web/dist/<app>` under `/<app>/*` (local/gateway/static.ts serves the same). */
export const WEB_APPS = ['capture', 'console'] as const;
export type WebApp = (typeof WEB_APPS)[number];

export interface PolicyInputs {
  /** `https://<media bucket regional domain>`: the capture page uploads straight to S3; media above the API's payload limit are a redirect to a presigned GET there. */
  mediaOrigin: string;
  /** Sources of `frame-ancestors` for the capture app (integrators embed capture links). */
  frameAncestors: string[];
  /** `https://cognito-idp.<region>.amazonaws.com`: the console signs users in with Cognito straight from the browser. */
  cognitoOrigin: string;
}

const csp = (directives: Record<string, string[]>) =>
  Object.entries(directives).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');

/** The directives every app starts from: nothing but its own origin, no plugins, no <base>. */
const BASE = {
  'default-src': ["'none'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'"],
  'font-src': ["'self'"], 'connect-src': ["'self'"], 'manifest-src': ["'self'"],
  'base-uri': ["'none'"], 'form-action': ["'none'"], 'object-src': ["'none'"], 'frame-ancestors': ["'none'"],
};

/** The Content-Security-Policy of one app. */
export function contentSecurityPolicy(app: WebApp, p: PolicyInputs): string {
  switch (app) {
    case 'capture':
      return csp({
        ...BASE,
        // Face and barcode checks in the browser run WebAssembly; nothing is evaluated from strings.
        'script-src': ["'self'", "'wasm-unsafe-eval'"],
        'worker-src': ["'self'", 'blob:'],
        // Camera previews and captured frames are blob: and data: URLs; the integrator's logo
        // (`settings.branding.logo_url`, https only) comes from its own host. Images run no script,
        // and no page sends a Referer (Referrer-Policy: no-referrer), so the logo's host never sees a link.
        'img-src': ["'self'", 'data:', 'blob:', 'https:'], 'media-src': ["'self'", 'blob:'],
        // The API is the same origin (/v3.6/*); direct uploads go to the media bucket.
        'connect-src': ["'self'", p.mediaOrigin],
        'frame-ancestors': p.frameAncestors,
      });
    case 'console':
      // The workflow builder and run results: data: icons, blob: previews of a run's media, which
      // the page fetches from the API: media above the API's payload limit are a redirect to a
      // presigned GET on the media bucket (followed by fetch: connect-src; img-src for an image
      // shown from its URL). Sign-in calls Cognito's public API (InitiateAuth, RespondToAuthChallenge) from the page.
      return csp({
        ...BASE, 'img-src': ["'self'", 'data:', 'blob:', p.mediaOrigin], 'media-src': ["'self'", 'blob:', p.mediaOrigin],
        'connect-src': ["'self'", p.mediaOrigin, p.cognitoOrigin],
      });
  }
}

/** Permissions-Policy: only the capture app may use the camera (and only in its own frame). */
export function permissionsPolicy(app: WebApp): string {
  const camera = app === 'capture' ? 'camera=(self)' : 'camera=()';
  return [camera, 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()'].join(', ');
}

/** `'self'`, `'none'` or an https origin: what `frameAncestors` (CDK context) accepts. */
export const FRAME_ANCESTOR = /^('self'|'none'|https:\/\/[a-z0-9.*-]+(:\d+)?)$/;
