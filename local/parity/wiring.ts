/**
 * What the template wires around the functions, reproduced locally: the EventBridge rules and
 * their targets (a function, or an SQS queue drained by a function's event source mapping,
 * one message per record with `ApproximateReceiveCount`), and the workflow state machines'
 * execution role, whose Task integrations (lambda:InvokeFunction, dynamodb:UpdateItem through
 * an IAM-checking endpoint, events:PutEvents) are checked against its synthesized policies.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaHandler } from '../sfn/contract';
import type { EventBus, PutEventsEntry } from '../sfn/engine';
import type { LocalEventBus } from '../events';
import { LOCAL_CREDENTIALS } from '../stack';
import { startAwsProxy } from './aws-proxy';
import type { Where } from './aws-actions';
import type { FunctionHost, InvokeResult } from './function-host';
import type { Iam } from './iam';
import type { ParityTemplate } from './template';

/** A function error as callers see it: `name` is Lambda's errorType. */
function raise(r: Extract<InvokeResult, { ok: false }>): never {
  throw Object.assign(new Error(r.errorMessage), { name: r.errorType, errorType: r.errorType });
}
const parsed = (r: InvokeResult): unknown => { if (!r.ok) raise(r); return JSON.parse(r.payload) as unknown; };

export interface WorkflowBindings { roleArn: string; endpoint: string; dynamodb: DynamoDBClient; eventBus: EventBus; invoker(host: FunctionHost): LambdaHandler; close(): Promise<void> }

export async function workflowRoleBindings(p: { template: ParityTemplate; iam: Iam; bus: LocalEventBus; where: Where; upstreams: { dynamodb: string; s3: string; states: string; events: string }; log: (l: string) => void }): Promise<WorkflowBindings> {
  const roleArn = p.template.functions.map((f) => f.environment.STATE_MACHINE_ROLE_ARN).find(Boolean) ?? p.template.stateMachines[0]?.roleArn;
  if (!roleArn) throw new Error('parity: no workflow execution role (STATE_MACHINE_ROLE_ARN) in the template');
  const proxy = await startAwsProxy({ roleArn, iam: p.iam, where: p.where, upstreams: p.upstreams, secrets: [], log: p.log });
  const denied = (message: string, name: string) => Object.assign(new Error(message), { name });
  return {
    roleArn, endpoint: proxy.url,
    dynamodb: new DynamoDBClient({ region: p.where.region, endpoint: proxy.url, credentials: LOCAL_CREDENTIALS }),
    eventBus: {
      async putEvents(entries: PutEventsEntry[]) {
        for (const bus of new Set(entries.map((e) => e.EventBusName ?? 'default'))) {
          const resource = bus.startsWith('arn:') ? bus : `arn:aws:events:${p.where.region}:${p.where.account}:event-bus/${bus}`;
          const d = await p.iam.check({ roleArn, action: 'events:PutEvents', resource });
          if (!d.allowed) throw denied(d.message, 'AccessDeniedException');
        }
        return p.bus.putEvents(entries);
      },
    },
    invoker: (host) => async (event, ctx) => {
      const d = await p.iam.check({ roleArn, action: 'lambda:InvokeFunction', resource: host.spec.arn });
      if (!d.allowed) throw denied(`${d.message} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException)`, 'Lambda.AWSLambdaException');
      return parsed(await host.invoke(event, ctx.awsRequestId));
    },
    close: () => proxy.close(),
  };
}

export function wireTemplateRules(bus: LocalEventBus, t: ParityTemplate, hosts: Map<string, FunctionHost>, log: (l: string) => void): void {
  const byArn = new Map([...hosts.values()].map((h) => [h.spec.arn, h]));
  for (const rule of t.rules) {
    for (const target of rule.targets) {
      const direct = byArn.get(target.arn);
      const consumer = t.queueConsumers.get(target.arn);
      const viaQueue = consumer ? hosts.get(consumer.functionName) : undefined;
      if (direct) {
        bus.registerTarget(target.arn, async (event, ctx) => parsed(await direct.invoke(event, ctx.awsRequestId)));
      } else if (viaQueue) {
        bus.registerTarget(target.arn, async (event, ctx) => {
          const id = randomUUID();
          const record = { messageId: id, receiptHandle: id, body: JSON.stringify(event), attributes: { ApproximateReceiveCount: String(ctx.attempt), SentTimestamp: String(Date.now()) }, messageAttributes: {}, eventSource: 'aws:sqs', eventSourceARN: target.arn, awsRegion: t.region };
          const out = parsed(await viaQueue.invoke({ Records: [record] }, ctx.awsRequestId)) as { batchItemFailures?: unknown[] } | null;
          if (out?.batchItemFailures?.length) throw new Error(`${viaQueue.spec.name} reported ${out.batchItemFailures.length} failed record(s)`);
          return out;
        });
      } else {
        log(`parity: rule ${rule.name} → ${target.arn}: not a function or a function's queue; events are accepted and dropped`);
        bus.registerTarget(target.arn, () => Promise.resolve(null));
      }
    }
    bus.putRule({ Name: rule.name, EventBusName: rule.busName, EventPattern: rule.pattern as object });
    bus.putTargets(rule.name, rule.targets.map((x) => ({ Id: x.id, Arn: x.arn })), rule.busName);
  }
}
