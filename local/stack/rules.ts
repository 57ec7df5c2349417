/**
 * The EventBridge rules of the CDK stack, reproduced on the local bus:
 *  - `studio.workflows` events on the product bus → the webhooks function (through an SQS-shaped record);
 *  - Step Functions executions that failed, timed out or were aborted (default bus) → runs/execution-events.ts;
 *  - finished runs and timeline file requests on the product bus → evidence/handler.ts, and
 *    finished trial runs (`studio.trials`) too, for their search index status only.
 */
import { EVENT_SOURCE, EVIDENCE_EVENTS, FAILED_EXECUTION_STATUSES, TRIAL_END_PATTERN, WEBHOOK_RULE_PATTERN } from '../../lambdas/events/schemas';
import type { LocalEventBus } from '../events';
import { STATUS_CHANGE } from './execution-events';
import { lazyHandler, viaSqs } from './lambdas';

export const RULES = {
  webhooks: { name: 'studio-webhooks', target: 'studio-webhooks' },
  executionEvents: { name: 'studio-execution-events', target: 'studio-execution-events' },
  evidence: { name: 'studio-evidence', target: 'studio-evidence' },
  trialEnds: { name: 'studio-trial-ends' },
} as const;

export function wireRules(bus: LocalEventBus, productBus: string): void {
  bus.registerTarget(RULES.webhooks.target, viaSqs(lazyHandler('webhooks')));
  const executionEvents = lazyHandler('executionEvents');
  bus.registerTarget(RULES.executionEvents.target, (event, ctx) => executionEvents(event, ctx));
  bus.putRule({ Name: RULES.webhooks.name, EventBusName: productBus, EventPattern: { source: [...WEBHOOK_RULE_PATTERN.source] } });
  bus.putTargets(RULES.webhooks.name, [{ Id: 'webhooks', Arn: RULES.webhooks.target }], productBus);
  bus.putRule({ Name: RULES.executionEvents.name, EventPattern: { source: ['aws.states'], 'detail-type': [STATUS_CHANGE], detail: { status: [...FAILED_EXECUTION_STATUSES] } } });
  bus.putTargets(RULES.executionEvents.name, [{ Id: 'execution-events', Arn: RULES.executionEvents.target }]);
  const evidence = lazyHandler('evidence');
  bus.registerTarget(RULES.evidence.target, (event, ctx) => evidence(event, ctx));
  bus.putRule({ Name: RULES.evidence.name, EventBusName: productBus, EventPattern: { source: [EVENT_SOURCE], 'detail-type': [...EVIDENCE_EVENTS] } });
  bus.putTargets(RULES.evidence.name, [{ Id: 'evidence', Arn: RULES.evidence.target }], productBus);
  bus.putRule({ Name: RULES.trialEnds.name, EventBusName: productBus, EventPattern: { source: [...TRIAL_END_PATTERN.source], 'detail-type': [...TRIAL_END_PATTERN.detailType] } });
  bus.putTargets(RULES.trialEnds.name, [{ Id: 'evidence', Arn: RULES.evidence.target }], productBus);
}
