/** Shapes of the local EventBridge: events as targets receive them, rules, targets. */
import { z } from 'zod';

export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** One PutEvents entry as the AWS API takes it (and as the SFN engine's eventBus passes it). */
export const PutEventsEntry = z.object({
  Source: z.string().optional(),
  DetailType: z.string().optional(),
  Detail: z.string().optional(),
  EventBusName: z.string().optional(),
  Resources: z.array(z.string()).optional(),
  Time: z.union([z.string(), z.number(), z.date()]).optional(),
}).passthrough();
export type PutEventsEntry = z.infer<typeof PutEventsEntry>;

export interface PutEventsResult { Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>; FailedEntryCount: number }

export interface Target { Id: string; Arn: string }
export interface Rule { Name: string; EventBusName: string; EventPattern: string; State: 'ENABLED' | 'DISABLED'; Description?: string; Targets: Target[] }

/** `arn:aws:events:r:a:event-bus/NAME` or NAME → NAME; nothing → `default`. */
export const busName = (nameOrArn: string | undefined) => (nameOrArn ? nameOrArn.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '') : 'default');
/** `arn:aws:lambda:r:a:function:NAME[:qualifier]` or NAME → NAME. */
export const functionName = (nameOrArn: string) => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;
