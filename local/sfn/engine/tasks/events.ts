import { z } from 'zod';
import { failed, ok, type EventBus, type Integration, type TaskOutcome } from './types';

const PUT = /^arn:aws[\w-]*:states:::events:putEvents(\.waitForTaskToken)?$/;

const argsSchema = z.object({
  Entries: z.array(z.looseObject({
    Detail: z.unknown().optional(), DetailType: z.string().optional(), Source: z.string().optional(),
    EventBusName: z.string().optional(), Resources: z.array(z.string()).optional(),
  })).min(1),
});

/** `events:putEvents`: Detail objects are sent as JSON text, as the optimized integration does. */
export function eventsIntegration(bus: () => EventBus | undefined): Integration {
  return {
    matches: (r) => PUT.test(r),
    async invoke(req): Promise<TaskOutcome> {
      const b = bus();
      if (!b) return failed('States.Runtime', 'No event bus is configured for arn:aws:states:::events:putEvents');
      const parsed = argsSchema.safeParse(req.args);
      if (!parsed.success) return failed('EventBridge.ValidationException', `Invalid putEvents parameters: ${parsed.error.message}`);
      const entries = parsed.data.Entries.map((e) => ({ ...e, Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail ?? {}) }));
      try {
        const r = await b.putEvents(entries);
        if (r.FailedEntryCount > 0) return failed('EventBridge.FailedEntry', JSON.stringify(r));
        return req.token ? { kind: 'submitted', output: r } : ok(r);
      } catch (e) {
        const err = e as Error;
        return failed(`EventBridge.${err.name || 'Exception'}`, err.message);
      }
    },
  };
}
