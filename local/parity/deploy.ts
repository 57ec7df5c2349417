/**
 * What CloudFormation does at deploy time for the resources parity runs rather than emulates:
 * the template's state machines (created, or updated to the template's definition), their
 * published versions and aliases through the local control plane, and the custom resources
 * the stack's own functions implement (lambdas/workflows/as-code-resource.ts, and upgrade-resource.ts:
 * the machines of active workflow versions brought up to this compiler on every start), each invoked with
 * CloudFormation's request and answered on a loopback response URL. A failure fails the start,
 * as it would roll the deployment back.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ControlPlane } from '../sfn/service';
import type { FunctionHost } from './function-host';
import type { LocalBindings, ParityTemplate } from './template';

/** Custom resources parity runs (others, e.g. CDK's BucketDeployment, are served otherwise: README). */
export const RUN_CUSTOM_RESOURCES = new Set(['Custom::StudioWorkflowRecords', 'Custom::StudioWorkflowUpgrade']);

/** Creates the machines and publishes their versions; returns what the template's references to them resolve to. */
export async function deployMachines(cp: ControlPlane, t: ParityTemplate): Promise<NonNullable<LocalBindings['deployed']>> {
  const deployed: NonNullable<LocalBindings['deployed']> = {};
  for (const m of t.stateMachines) {
    const created = await cp.createMachine({ name: m.name, definition: m.definition, roleArn: m.roleArn }).catch(async (e: unknown) => {
      // A kept data folder holds the machine as an earlier template defined it: updated, as CloudFormation would.
      if ((e as Error).name !== 'StateMachineAlreadyExists') throw e;
      return cp.updateMachine(m.arn, { definition: m.definition, roleArn: m.roleArn });
    });
    deployed[m.logicalId] = { atts: { StateMachineRevisionId: created.machine.revision.revisionId } };
  }
  for (const v of t.stateMachineVersions) {
    const version = await cp.publishVersion(v.machineArn, v.description !== undefined ? { description: v.description } : {});
    deployed[v.logicalId] = { ref: version.arn };
  }
  return deployed;
}

/** Points each alias at its versions (the template read again with the published versions). */
export async function deployAliases(cp: ControlPlane, t: ParityTemplate): Promise<void> {
  for (const a of t.stateMachineAliases) {
    const routingConfiguration = a.routing;
    const machine = routingConfiguration[0]?.stateMachineVersionArn.replace(/:\d+$/, '') ?? '';
    const existing = cp.machine(machine).aliases.find((x) => x.name === a.name);
    if (existing) await cp.updateAlias(existing.arn, { routingConfiguration });
    else await cp.createAlias({ name: a.name, routingConfiguration, ...(a.description !== undefined ? { description: a.description } : {}) });
  }
}

interface CfnResponse { Status?: string; Reason?: string; RequestId?: string }

/** Creates the custom resources parity runs, in template order; refuses a start when one fails. */
export async function createCustomResources(t: ParityTemplate, hosts: Map<string, FunctionHost>, log: (l: string) => void): Promise<void> {
  const wanted = t.customResources.filter((r) => RUN_CUSTOM_RESOURCES.has(r.type));
  for (const r of t.customResources.filter((x) => !wanted.includes(x))) log(`parity: custom resource ${r.logicalId} (${r.type}) is not run`);
  if (wanted.length === 0) return;
  const responses = new Map<string, CfnResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      try { const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CfnResponse; responses.set(String(body.RequestId), body); res.writeHead(200).end(); } catch { res.writeHead(400).end(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const byArn = new Map([...hosts.values()].map((h) => [h.spec.arn, h]));
  try {
    for (const r of wanted) {
      const host = byArn.get(r.serviceToken);
      if (!host) throw new Error(`parity: custom resource ${r.logicalId}: its ServiceToken ${r.serviceToken} is not a function of the template`);
      const requestId = randomUUID();
      const event = {
        RequestType: 'Create', ResponseURL: `http://127.0.0.1:${port}/${r.logicalId}`, StackId: `arn:aws:cloudformation:${t.region}:${t.account}:stack/${t.stackName}/local`,
        RequestId: requestId, ResourceType: r.type, LogicalResourceId: r.logicalId, ResourceProperties: { ServiceToken: r.serviceToken, ...r.properties },
      };
      const out = await host.invoke(event, requestId);
      const answer = responses.get(requestId);
      if (!out.ok) throw new Error(`parity: custom resource ${r.logicalId}: ${out.errorType}: ${out.errorMessage}`);
      if (answer?.Status !== 'SUCCESS') throw new Error(`parity: custom resource ${r.logicalId} ${answer ? `failed: ${answer.Reason ?? ''}` : 'sent no response'}`);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
