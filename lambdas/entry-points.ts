/**
 * The Lambda entry points (see README.md here): the CDK stack deploys exactly these files and
 * the local stack runs exactly these modules. Paths are relative to this folder.
 */
export const ENTRY_POINTS = {
  api: 'api/handler.ts',
  tasks: 'tasks/handler.ts',
  reports: 'reports/handler.ts',
  webhooks: 'webhooks/handler.ts',
  executionEvents: 'runs/execution-events.ts',
  evidence: 'evidence/handler.ts',
  lifecycle: 'lifecycle/handler.ts',
  watchlists: 'watchlists/handler.ts',
} as const;
export type FunctionKey = keyof typeof ENTRY_POINTS;
