/** Alias routing: one or two versions of the same machine, integer weights summing to 100. */
import { parseMachineArn, type Location } from './arn';
import { ValidationError } from './errors';
import type { RoutingEntry } from './model';

/** Checks the shape of a routing configuration and returns the machine ARN it routes to. */
export function checkRouting(routing: RoutingEntry[], loc: Location): string {
  if (routing.length < 1 || routing.length > 2) {
    throw new ValidationError(`routingConfiguration must list 1 or 2 versions; got ${routing.length}.`);
  }
  const machines = new Set<string>();
  const versions = new Set<string>();
  for (const entry of routing) {
    const ref = parseMachineArn(entry.stateMachineVersionArn, loc);
    if (ref.kind !== 'version') {
      throw new ValidationError(`routingConfiguration entries must be version ARNs (<stateMachineArn>:<n>); got '${entry.stateMachineVersionArn}'.`);
    }
    machines.add(ref.machineArn);
    versions.add(entry.stateMachineVersionArn);
  }
  if (machines.size !== 1) throw new ValidationError(`routingConfiguration versions must belong to one state machine; got ${[...machines].join(', ')}.`);
  if (versions.size !== routing.length) throw new ValidationError('routingConfiguration must not list the same version twice.');
  const total = routing.reduce((sum, e) => sum + e.weight, 0);
  if (total !== 100) throw new ValidationError(`routingConfiguration weights must sum to 100; got ${total}.`);
  return [...machines][0] as string;
}

/** Picks a version by weight; `random` returns [0, 1) and is injected so tests are deterministic. */
export function pickVersion(routing: RoutingEntry[], random: () => number): string {
  const roll = random() * 100;
  let upTo = 0;
  for (const entry of routing) {
    upTo += entry.weight;
    if (roll < upTo) return entry.stateMachineVersionArn;
  }
  const last = routing.filter((e) => e.weight > 0).at(-1) ?? routing.at(-1);
  if (!last) throw new ValidationError('The alias has no routing configuration.');
  return last.stateMachineVersionArn;
}

export function sameRouting(a: RoutingEntry[], b: RoutingEntry[]): boolean {
  const key = (r: RoutingEntry[]) => JSON.stringify([...r].sort((x, y) => x.stateMachineVersionArn.localeCompare(y.stateMachineVersionArn)).map((e) => [e.stateMachineVersionArn, e.weight]));
  return key(a) === key(b);
}
