/**
 * `GET /v3.6/{live_videos,motion_captures}/{id}/frame` decodes video (ffmpeg, sharp): the reports
 * function has both, the API bundle neither. These routes are therefore served by the reports
 * function (lambdas/reports/frame-api.ts): in AWS the HTTP API integrates them with it (lib/api.ts),
 * locally the gateway sends them to it (local/stack). This file holds only their names.
 */
export const FRAME_KINDS = ['live_videos', 'motion_captures'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/** `/v3.6/live_videos/{id}/frame`: the route as the router and API Gateway write it. */
export const frameRoute = (kind: FrameKind) => `/v3.6/${kind}/{id}/frame`;

export const isFramePath = (rawPath: string) => /^\/v3\.6\/(live_videos|motion_captures)\/[^/]+\/frame$/.test(rawPath);
