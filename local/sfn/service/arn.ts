/**
 * ARNs as AWS forms them, and the name rules behind them.
 *   machine   arn:aws:states:<region>:<account>:stateMachine:<name>
 *   version   <machine>:<n>            alias  <machine>:<aliasName>
 *   execution arn:aws:states:<region>:<account>:execution:<machine>:<execution>
 *             (express: ...:express:<machine>:<execution>:<id>)
 */
import { InvalidArnError, InvalidNameError, ValidationError } from './errors';

export interface Location {
  region: string;
  accountId: string;
}

export type MachineRef =
  | { kind: 'machine'; name: string; machineArn: string }
  | { kind: 'version'; name: string; machineArn: string; version: number }
  | { kind: 'alias'; name: string; machineArn: string; alias: string };

// Control characters (U+0000-U+001F, U+007F-U+009F) are checked by code point, not in the regex.
const FORBIDDEN_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);
const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]{1,80}$/;

export function machineArn(loc: Location, name: string): string {
  return `arn:aws:states:${loc.region}:${loc.accountId}:stateMachine:${name}`;
}

export function executionArn(loc: Location, machineName: string, name: string, expressId?: string): string {
  if (expressId !== undefined) return `arn:aws:states:${loc.region}:${loc.accountId}:express:${machineName}:${name}:${expressId}`;
  return `arn:aws:states:${loc.region}:${loc.accountId}:execution:${machineName}:${name}`;
}

/** Machine, execution and activity names: 1-80 characters, none of AWS's forbidden ones. */
export function checkName(name: string, what = 'name'): void {
  if (name.length < 1 || name.length > 80) {
    throw new InvalidNameError(`Invalid ${what} '${name}': must be 1 to 80 characters long.`);
  }
  const bad = FORBIDDEN_NAME_CHARS.exec(name)?.[0] ?? [...name].find((ch) => isControl(ch.codePointAt(0) ?? 0));
  if (bad !== undefined) {
    throw new InvalidNameError(`Invalid ${what} '${name}': character ${JSON.stringify(bad)} is not allowed (no whitespace, brackets, wildcards or any of "#%\\^|~\`$&,;:/).`);
  }
}

export function checkAliasName(name: string): void {
  if (!ALIAS_NAME.test(name)) {
    throw new ValidationError(`Invalid alias name '${name}': use 1 to 80 of [a-zA-Z0-9_-.] with at least one non-digit.`);
  }
}

function splitArn(arn: string, loc: Location, resource: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== resource) return undefined;
  if (parts[3] !== loc.region || parts[4] !== loc.accountId) return undefined;
  return parts.slice(6);
}

/** Parses a machine, version or alias ARN; InvalidArn when it is none of these. */
export function parseMachineArn(arn: string, loc: Location): MachineRef {
  const rest = splitArn(arn, loc, 'stateMachine');
  const [name, qualifier] = rest ?? [];
  if (rest === undefined || name === undefined || name === '' || rest.length > 2) {
    throw new InvalidArnError(`Invalid Arn: '${arn}' is not a state machine ARN of ${loc.region}/${loc.accountId} (expected ${machineArn(loc, '<name>')}[:<version>|:<alias>]).`);
  }
  const base = machineArn(loc, name);
  if (qualifier === undefined) return { kind: 'machine', name, machineArn: base };
  if (/^[1-9][0-9]*$/.test(qualifier)) return { kind: 'version', name, machineArn: base, version: Number(qualifier) };
  if (ALIAS_NAME.test(qualifier)) return { kind: 'alias', name, machineArn: base, alias: qualifier };
  throw new InvalidArnError(`Invalid Arn: '${arn}' has a qualifier '${qualifier}' that is neither a version number nor an alias name.`);
}

export function parseExecutionArn(arn: string, loc: Location): { machineName: string; name: string } {
  const rest = splitArn(arn, loc, 'execution') ?? splitArn(arn, loc, 'express');
  const [machineName, name] = rest ?? [];
  if (machineName === undefined || name === undefined || machineName === '' || name === '') {
    throw new InvalidArnError(`Invalid Arn: '${arn}' is not an execution ARN of ${loc.region}/${loc.accountId} (expected arn:aws:states:${loc.region}:${loc.accountId}:execution:<machine>:<name>).`);
  }
  return { machineName, name };
}

export function checkRoleArn(arn: string): void {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(arn)) {
    throw new InvalidArnError(`Invalid Arn: '${arn}' is not an IAM role ARN (expected arn:aws:iam::<account>:role/<name>).`);
  }
}
