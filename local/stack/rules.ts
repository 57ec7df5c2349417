/**
 * The EventBridge rules of the CDK stack, reproduced on the local bus:
 *  - `studio.workflows` events on the product bus → the webhooks function (through an SQS-shaped record);
 *  - Step Functions execution status changes on the default bus → runs/execution-events.ts.
 * A rule whose function does not exist (yet) is removed, so nothing is queued for it.
 */
import { WEBHOOK_RULE_PATTERN } from '../../lambdas/events/schemas';
import type { LocalEventBus } from '../events';
import { STATUS_CHANGE } from './execution-events';
import { functionExists, lazyHandler, viaSqs } from './lambdas';

export const RULES = {
  webhooks: { name: 'studio-webhooks', target: 'studio-webhooks' },
  executionEvents: { name: 'studio-execution-events', target: 'studio-execution-events' },
} as const;

export function wireRules(bus: LocalEventBus, productBus: string): void {
  bus.registerTarget(RULES.webhooks.target, viaSqs(lazyHandler('webhooks')));
  const executionEvents = lazyHandler('executionEvents');
  bus.registerTarget(RULES.executionEvents.target, (event, ctx) => executionEvents(event, ctx));
  if (functionExists('webhooks')) {
    bus.putRule({ Name: RULES.webhooks.name, EventBusName: productBus, EventPattern: { source: [...WEBHOOK_RULE_PATTERN.source] } });
    bus.putTargets(RULES.webhooks.name, [{ Id: 'webhooks', Arn: RULES.webhooks.target }], productBus);
  } else bus.deleteRule(RULES.webhooks.name, productBus);
  if (functionExists('executionEvents')) {
    bus.putRule({ Name: RULES.executionEvents.name, EventPattern: { source: ['aws.states'], 'detail-type': [STATUS_CHANGE] } });
    bus.putTargets(RULES.executionEvents.name, [{ Id: 'execution-events', Arn: RULES.executionEvents.target }]);
  } else bus.deleteRule(RULES.executionEvents.name);
}
