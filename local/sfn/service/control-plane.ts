/**
 * The control plane: state machines, their revisions, versions and aliases, and which revision
 * each execution started from. Records live in memory and, with a data directory, in JSON
 * files (see store.ts). Every mutation runs under one mutex, then writes its machine's record.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../contract';
import { checkAliasName, checkName, checkRoleArn, machineArn, parseMachineArn, type Location, type MachineRef } from './arn';
import { assertValidDefinition } from './definition';
import {
  ConflictError, InvalidArnError, isApiError, InvalidLoggingConfigurationError, ResourceNotFoundError,
  StateMachineAlreadyExistsError, StateMachineDoesNotExistError, TooManyTagsError, ValidationError,
} from './errors';
import type { AliasRecord, ExecutionMeta, LoggingConfiguration, MachineRecord, MachineType, RevisionRecord, RoutingEntry, Tag, TracingConfiguration, VersionRecord } from './model';
import { Mutex } from './mutex';
import { checkRouting, pickVersion, sameRouting } from './routing';
import { openStores, type ControlPlaneStores } from './store';

export interface ControlPlaneOptions {
  /** Directory for durable JSON records; in memory when absent. */
  dataDir?: string;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** Revision ids and generated execution names. */
  newId?: () => string;
  /** [0, 1): picks an alias's version by weight. */
  random?: () => number;
  stores?: ControlPlaneStores;
}

export interface MachineConfig {
  definition?: string;
  roleArn?: string;
  loggingConfiguration?: { level?: LoggingConfiguration['level']; includeExecutionData?: boolean; destinations?: LoggingConfiguration['destinations'] };
  tracingConfiguration?: { enabled?: boolean };
}

export interface CreateMachineParams extends MachineConfig {
  name: string;
  definition: string;
  type?: MachineType;
  tags?: Tag[];
  publish?: boolean;
  versionDescription?: string;
}

/** What an ARN given to StartExecution resolves to. */
export interface StartTarget {
  machine: MachineRecord;
  revision: RevisionRecord;
  versionArn?: string;
  aliasArn?: string;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT = '000000000000';

export class ControlPlane {
  readonly location: Location;
  readonly clock: Clock;
  readonly newId: () => string;
  private readonly random: () => number;
  private readonly mutex = new Mutex();

  private constructor(options: ControlPlaneOptions, private readonly stores: ControlPlaneStores, private readonly machines: Map<string, MachineRecord>) {
    this.location = { region: options.region ?? DEFAULT_REGION, accountId: options.accountId ?? DEFAULT_ACCOUNT };
    this.clock = options.clock ?? { now: () => Date.now() };
    this.newId = options.newId ?? randomUUID;
    this.random = options.random ?? Math.random;
  }

  static async open(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const stores = options.stores ?? openStores(options.dataDir);
    const machines = new Map((await stores.machines.list()).map((m) => [m.name, m] as const));
    return new ControlPlane(options, stores, machines);
  }

  // ---- machines ----

  createMachine(p: CreateMachineParams): Promise<{ machine: MachineRecord; version?: VersionRecord }> {
    return this.exclusive(async () => {
      checkName(p.name, 'state machine name');
      if (p.versionDescription !== undefined && !p.publish) throw new ValidationError('versionDescription can only be set when publish is true.');
      const type = p.type ?? 'STANDARD';
      const arn = machineArn(this.location, p.name);
      const revision = this.newRevision(arn, p.name, type, p);
      const existing = this.machines.get(p.name);
      if (existing) {
        // AWS makes Create idempotent when everything but the tags is the same.
        if (!sameConfig(existing.revision, revision)) throw new StateMachineAlreadyExistsError(`State Machine Already Exists: '${arn}' with a different definition or configuration.`);
        return { machine: existing, ...(p.publish ? { version: await this.publishLocked(existing, p.versionDescription) } : {}) };
      }
      if ((p.tags?.length ?? 0) > 50) throw new TooManyTagsError(`A state machine has at most 50 tags; got ${p.tags?.length}.`);
      const machine: MachineRecord = { name: p.name, arn, creationDate: this.clock.now(), revision, tags: p.tags ?? [], versions: [], nextVersion: 1, aliases: [] };
      await this.stores.revisions.put(revision.revisionId, revision);
      await this.save(machine);
      return { machine, ...(p.publish ? { version: await this.publishLocked(machine, p.versionDescription) } : {}) };
    });
  }

  updateMachine(arn: string, p: MachineConfig & { publish?: boolean; versionDescription?: string }): Promise<{ machine: MachineRecord; version?: VersionRecord }> {
    return this.exclusive(async () => {
      const machine = this.unqualified(arn, 'UpdateStateMachine');
      if (p.definition === undefined && p.roleArn === undefined && p.loggingConfiguration === undefined && p.tracingConfiguration === undefined) {
        throw new ValidationError('Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified.');
      }
      if (p.versionDescription !== undefined && !p.publish) throw new ValidationError('versionDescription can only be set when publish is true.');
      const current = machine.revision;
      const next = this.newRevision(machine.arn, machine.name, current.type, {
        definition: p.definition ?? current.definition,
        roleArn: p.roleArn ?? current.roleArn,
        loggingConfiguration: p.loggingConfiguration ?? current.loggingConfiguration,
        tracingConfiguration: p.tracingConfiguration ?? current.tracingConfiguration,
      });
      if (!sameConfig(current, next)) {
        machine.revision = next;
        await this.stores.revisions.put(next.revisionId, next);
      }
      machine.updateDate = this.clock.now();
      await this.save(machine);
      return { machine, ...(p.publish ? { version: await this.publishLocked(machine, p.versionDescription) } : {}) };
    });
  }

  /** The machine an ARN (machine, version or alias) belongs to; StateMachineDoesNotExist when absent. */
  machine(arn: string): MachineRecord {
    const ref = parseMachineArn(arn, this.location);
    const machine = this.machines.get(ref.name);
    if (!machine) throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: '${ref.machineArn}'`);
    return machine;
  }

  listMachines(): MachineRecord[] {
    return [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteMachine(arn: string): Promise<void> {
    return this.exclusive(async () => {
      const ref = parseMachineArn(arn, this.location);
      if (ref.kind !== 'machine') throw new ValidationError(`DeleteStateMachine takes an unqualified state machine ARN; got '${arn}' (use DeleteStateMachineVersion or DeleteStateMachineAlias).`);
      if (!this.machines.has(ref.name)) return; // deleting a missing machine succeeds, as in AWS
      await this.stores.machines.delete(ref.name);
      this.machines.delete(ref.name);
    });
  }

  // ---- revisions and versions ----

  async revision(revisionId: string): Promise<RevisionRecord | undefined> {
    return this.stores.revisions.get(revisionId);
  }

  /** A machine or version ARN: the machine, the revision it describes, and the version if any. */
  async describeTarget(arn: string): Promise<{ machine: MachineRecord; revision: RevisionRecord; version?: VersionRecord }> {
    const ref = parseMachineArn(arn, this.location);
    if (ref.kind === 'alias') throw new InvalidArnError(`Invalid Arn: '${arn}' is an alias ARN; use DescribeStateMachineAlias.`);
    const machine = this.machine(arn);
    if (ref.kind === 'machine') return { machine, revision: machine.revision };
    const version = this.version(machine, ref);
    return { machine, revision: await this.requireRevision(version.revisionId), version };
  }

  publishVersion(arn: string, p: { description?: string; revisionId?: string }): Promise<VersionRecord> {
    return this.exclusive(async () => {
      const machine = this.unqualified(arn, 'PublishStateMachineVersion');
      if (p.revisionId !== undefined && p.revisionId !== machine.revision.revisionId) {
        throw new ConflictError(`Failed to publish the state machine version: revisionId '${p.revisionId}' is not the current revision '${machine.revision.revisionId}' (the machine was updated since).`);
      }
      return this.publishLocked(machine, p.description);
    });
  }

  deleteVersion(versionArn: string): Promise<void> {
    return this.exclusive(async () => {
      const ref = parseMachineArn(versionArn, this.location);
      if (ref.kind !== 'version') throw new ValidationError(`'${versionArn}' is not a state machine version ARN (<stateMachineArn>:<n>).`);
      const machine = this.machines.get(ref.name);
      if (!machine || !machine.versions.some((v) => v.version === ref.version)) return;
      const users = machine.aliases.filter((a) => a.routingConfiguration.some((r) => r.stateMachineVersionArn === versionArn));
      if (users.length > 0) throw new ConflictError(`Version '${versionArn}' is used by alias(es) ${users.map((a) => a.name).join(', ')}; update or delete them first.`);
      machine.versions = machine.versions.filter((v) => v.version !== ref.version);
      await this.save(machine);
    });
  }

  // ---- aliases ----

  createAlias(p: { name: string; description?: string; routingConfiguration: RoutingEntry[] }): Promise<AliasRecord> {
    return this.exclusive(async () => {
      checkAliasName(p.name);
      const machine = this.routable(p.routingConfiguration);
      const existing = machine.aliases.find((a) => a.name === p.name);
      if (existing) {
        if (sameRouting(existing.routingConfiguration, p.routingConfiguration) && existing.description === p.description) return existing;
        throw new ConflictError(`Alias '${existing.arn}' already exists with a different configuration; use UpdateStateMachineAlias.`);
      }
      if (machine.aliases.length >= 100) throw new ValidationError(`State machine '${machine.arn}' already has 100 aliases.`);
      const alias: AliasRecord = { name: p.name, arn: `${machine.arn}:${p.name}`, routingConfiguration: p.routingConfiguration, creationDate: this.clock.now(), ...(p.description !== undefined ? { description: p.description } : {}) };
      machine.aliases.push(alias);
      await this.save(machine);
      return alias;
    });
  }

  updateAlias(aliasArn: string, p: { description?: string; routingConfiguration?: RoutingEntry[] }): Promise<AliasRecord> {
    return this.exclusive(async () => {
      if (p.description === undefined && p.routingConfiguration === undefined) throw new ValidationError('Either the description or the routingConfiguration must be specified.');
      const { machine, alias } = this.alias(aliasArn);
      if (p.routingConfiguration) {
        if (this.routable(p.routingConfiguration) !== machine) throw new ValidationError(`The routing configuration of alias '${aliasArn}' must use versions of ${machine.arn}.`);
        alias.routingConfiguration = p.routingConfiguration;
      }
      if (p.description !== undefined) alias.description = p.description;
      alias.updateDate = this.clock.now();
      await this.save(machine);
      return alias;
    });
  }

  alias(aliasArn: string): { machine: MachineRecord; alias: AliasRecord } {
    const ref = parseMachineArn(aliasArn, this.location);
    if (ref.kind !== 'alias') throw new InvalidArnError(`Invalid Arn: '${aliasArn}' is not a state machine alias ARN (<stateMachineArn>:<aliasName>).`);
    const machine = this.machines.get(ref.name);
    const alias = machine?.aliases.find((a) => a.name === ref.alias);
    if (!machine || !alias) throw new ResourceNotFoundError(`Resource not found: alias '${aliasArn}' does not exist.`);
    return { machine, alias };
  }

  deleteAlias(aliasArn: string): Promise<void> {
    return this.exclusive(async () => {
      const { machine, alias } = this.alias(aliasArn);
      machine.aliases = machine.aliases.filter((a) => a !== alias);
      await this.save(machine);
    });
  }

  // ---- executions ----

  /** Resolves StartExecution's ARN; an alias picks one of its versions by weight. */
  async startTarget(arn: string): Promise<StartTarget> {
    const ref = parseMachineArn(arn, this.location);
    const machine = this.machine(arn);
    if (ref.kind === 'machine') return { machine, revision: machine.revision };
    if (ref.kind === 'version') {
      const version = this.version(machine, ref);
      return { machine, revision: await this.requireRevision(version.revisionId), versionArn: version.arn };
    }
    const alias = machine.aliases.find((a) => a.name === ref.alias);
    if (!alias) throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: alias '${arn}'`);
    const versionArn = pickVersion(alias.routingConfiguration, this.random);
    const version = this.version(machine, parseMachineArn(versionArn, this.location));
    return { machine, revision: await this.requireRevision(version.revisionId), versionArn, aliasArn: alias.arn };
  }

  async recordExecution(meta: ExecutionMeta): Promise<void> {
    await this.stores.executions.put(meta.executionArn, meta);
  }

  async executionMeta(executionArn: string): Promise<ExecutionMeta | undefined> {
    return this.stores.executions.get(executionArn);
  }

  // ---- tags ----

  tagResource(arn: string, tags: Tag[]): Promise<void> {
    return this.exclusive(async () => {
      const machine = this.tagged(arn);
      const merged = new Map(machine.tags.map((t) => [t.key, t.value]));
      for (const t of tags) merged.set(t.key, t.value);
      if (merged.size > 50) throw new TooManyTagsError(`A state machine has at most 50 tags; this would make ${merged.size}.`);
      machine.tags = [...merged].map(([key, value]) => ({ key, value }));
      await this.save(machine);
    });
  }

  untagResource(arn: string, keys: string[]): Promise<void> {
    return this.exclusive(async () => {
      const machine = this.tagged(arn);
      machine.tags = machine.tags.filter((t) => !keys.includes(t.key));
      await this.save(machine);
    });
  }

  tagged(arn: string): MachineRecord {
    const ref = parseMachineArn(arn, this.location);
    const machine = this.machines.get(ref.name);
    if (ref.kind !== 'machine' || !machine) throw new ResourceNotFoundError(`Resource not found: '${arn}' (tags are kept on unqualified state machine ARNs).`);
    return machine;
  }

  // ---- internals ----

  /**
   * Runs a mutation alone. API errors are all thrown before anything changes; any other error
   * (a failed write) may leave a half-edited record in memory, so memory is reloaded from disk.
   */
  private exclusive<T>(mutation: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      try {
        return await mutation();
      } catch (err) {
        if (!isApiError(err)) {
          this.machines.clear();
          for (const m of await this.stores.machines.list()) this.machines.set(m.name, m);
        }
        throw err;
      }
    });
  }

  private unqualified(arn: string, operation: string): MachineRecord {
    const ref = parseMachineArn(arn, this.location);
    if (ref.kind !== 'machine') throw new ValidationError(`${operation} takes an unqualified state machine ARN; got '${arn}'.`);
    return this.machine(arn);
  }

  private version(machine: MachineRecord, ref: MachineRef): VersionRecord {
    const version = ref.kind === 'version' ? machine.versions.find((v) => v.version === ref.version) : undefined;
    if (!version) throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: version '${machine.arn}:${ref.kind === 'version' ? ref.version : '?'}'`);
    return version;
  }

  /** The machine a routing configuration points to, once every version in it exists. */
  private routable(routing: RoutingEntry[]): MachineRecord {
    const arn = checkRouting(routing, this.location);
    const machine = this.machines.get(parseMachineArn(arn, this.location).name);
    if (!machine) throw new ResourceNotFoundError(`Resource not found: state machine '${arn}' does not exist.`);
    for (const entry of routing) {
      const ref = parseMachineArn(entry.stateMachineVersionArn, this.location);
      if (ref.kind !== 'version' || !machine.versions.some((v) => v.version === ref.version)) {
        throw new ResourceNotFoundError(`Resource not found: version '${entry.stateMachineVersionArn}' does not exist; publish it first.`);
      }
    }
    return machine;
  }

  private async requireRevision(revisionId: string): Promise<RevisionRecord> {
    const revision = await this.stores.revisions.get(revisionId);
    if (!revision) throw new Error(`Revision ${revisionId} is missing from the control-plane store.`);
    return revision;
  }

  private async publishLocked(machine: MachineRecord, description?: string): Promise<VersionRecord> {
    const existing = machine.versions.find((v) => v.revisionId === machine.revision.revisionId);
    if (existing) return existing; // publishing an already published revision is idempotent
    const n = machine.nextVersion;
    const version: VersionRecord = { version: n, arn: `${machine.arn}:${n}`, revisionId: machine.revision.revisionId, creationDate: this.clock.now(), ...(description !== undefined ? { description } : {}) };
    machine.versions.push(version);
    machine.nextVersion = n + 1;
    await this.save(machine);
    return version;
  }

  private newRevision(arn: string, name: string, type: MachineType, p: MachineConfig & { definition: string }): RevisionRecord {
    assertValidDefinition(p.definition, type);
    const roleArn = p.roleArn ?? `arn:aws:iam::${this.location.accountId}:role/StepFunctionsLocalRole`;
    checkRoleArn(roleArn);
    const logging = p.loggingConfiguration ?? {};
    const loggingConfiguration: LoggingConfiguration = { level: logging.level ?? 'OFF', includeExecutionData: logging.includeExecutionData ?? false, ...(logging.destinations ? { destinations: logging.destinations } : {}) };
    if (loggingConfiguration.level !== 'OFF' && !loggingConfiguration.destinations?.length) {
      throw new InvalidLoggingConfigurationError(`Invalid Logging Configuration: level ${loggingConfiguration.level} needs a CloudWatch Logs log group in destinations (or use level OFF).`);
    }
    const tracingConfiguration: TracingConfiguration = { enabled: p.tracingConfiguration?.enabled ?? false };
    return { revisionId: this.newId(), machineArn: arn, name, type, definition: p.definition, roleArn, loggingConfiguration, tracingConfiguration, date: this.clock.now() };
  }

  private async save(machine: MachineRecord): Promise<void> {
    await this.stores.machines.put(machine.name, machine);
    this.machines.set(machine.name, machine);
  }
}

function sameConfig(a: RevisionRecord, b: RevisionRecord): boolean {
  const key = (r: RevisionRecord) => JSON.stringify([r.type, r.definition, r.roleArn, r.loggingConfiguration, r.tracingConfiguration]);
  return key(a) === key(b);
}
