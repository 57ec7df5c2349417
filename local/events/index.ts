/**
 * The local EventBridge: the only door into local/events.
 *
 *   const bus = new LocalEventBus({ dataDir });           // in process: bus.putEvents([...])
 *   bus.putRule({ Name, EventBusName, EventPattern }); bus.putTargets(Name, [{ Id, Arn }], EventBusName);
 *   bus.registerTarget('my-function', handler);           // what a target ARN resolves to
 *   const server = await createEventsServer(bus);         // @aws-sdk/client-eventbridge endpoint
 */
export { LocalEventBus, type EventBusOptions, type TargetHandler } from './bus';
export { createEventsServer, type EventsServer } from './server';
export { matches, parsePattern, PatternError } from './pattern';
export { DEFAULT_RETRY, type RetryPolicy } from './delivery';
export { busName, functionName, type BusEvent, type PutEventsResult, type Rule, type Target } from './model';
