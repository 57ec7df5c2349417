/** The control plane's records, as stored. Dates are ms since the epoch. */

export type MachineType = 'STANDARD' | 'EXPRESS';

export interface LoggingConfiguration {
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData: boolean;
  destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: string } }[];
}

export interface TracingConfiguration {
  enabled: boolean;
}

export interface Tag {
  key: string;
  value: string;
}

/** One revision of a machine's configuration: what an execution or a version runs. */
export interface RevisionRecord {
  revisionId: string;
  machineArn: string;
  name: string;
  type: MachineType;
  definition: string;
  roleArn: string;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: TracingConfiguration;
  date: number;
}

export interface VersionRecord {
  version: number;
  arn: string;
  revisionId: string;
  description?: string;
  creationDate: number;
}

export interface RoutingEntry {
  stateMachineVersionArn: string;
  weight: number;
}

export interface AliasRecord {
  name: string;
  arn: string;
  description?: string;
  routingConfiguration: RoutingEntry[];
  creationDate: number;
  updateDate?: number;
}

export interface MachineRecord {
  name: string;
  arn: string;
  creationDate: number;
  updateDate?: number;
  revision: RevisionRecord;
  tags: Tag[];
  versions: VersionRecord[];
  /** Version numbers are never reused, even after a version is deleted. */
  nextVersion: number;
  aliases: AliasRecord[];
}

/** What the control plane remembers about an execution it started (the engine does not know revisions). */
export interface ExecutionMeta {
  executionArn: string;
  revisionId: string;
}
