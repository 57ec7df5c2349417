/**
 * IAM as AWS evaluates a call: the caller's role policies from the template, the resource's own
 * policy (bucket, key, queue, secret), the request context of a Lambda function in the stack's
 * account (`aws:SecureTransport=true`, principal and resource account, region), evaluated with
 * @cloud-copilot/iam-simulate. Decisions are cached (the policies of a start never change).
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Policy, RoleSpec } from './template';

export interface AccessRequest {
  roleArn: string; action: string; resource: string;
  /** Extra request context (`iam:PassedToService`, `kms:ViaService`, ...). */
  context?: Record<string, string | string[]>;
}
export interface Decision { allowed: boolean; result: string; message: string }

export interface IamOptions {
  account: string; region: string;
  roles: Map<string, RoleSpec>;
  /** Resource policies by the ARN they protect; an object ARN (`bucket/key`) uses its bucket's. */
  resourcePolicies: Map<string, Policy>;
  log?: (line: string) => void;
}

export class Iam {
  private readonly cache = new Map<string, Promise<Decision>>();
  readonly denials: Array<AccessRequest & { message: string }> = [];

  constructor(private readonly o: IamOptions) {}

  /** Replaces a role's policies (tests: a policy without a grant). */
  setPolicies(roleArn: string, policies: RoleSpec['policies']): void {
    const role = [...this.o.roles.values()].find((r) => r.arn === roleArn);
    if (!role) throw new Error(`parity: no role ${roleArn}`);
    role.policies = policies;
    this.cache.clear();
  }

  async check(req: AccessRequest): Promise<Decision> {
    const key = JSON.stringify([req.roleArn, req.action, req.resource, req.context ?? {}]);
    let decision = this.cache.get(key);
    if (!decision) { decision = this.simulate(req); this.cache.set(key, decision); }
    const d = await decision;
    if (!d.allowed) {
      if (!this.denials.some((x) => x.message === d.message)) this.o.log?.(`iam: DENY ${d.message}`);
      this.denials.push({ ...req, message: d.message });
    }
    return d;
  }

  private async simulate(req: AccessRequest): Promise<Decision> {
    const role = [...this.o.roles.values()].find((r) => r.arn === req.roleArn);
    const roleName = req.roleArn.slice(req.roleArn.lastIndexOf('/') + 1);
    const session = `arn:aws:sts::${this.o.account}:assumed-role/${roleName}/parity`;
    const resourcePolicy = this.resourcePolicyOf(req.resource);
    const out = await runSimulation({
      request: {
        principal: req.roleArn, action: req.action,
        resource: { resource: req.resource, accountId: this.o.account },
        contextVariables: {
          'aws:SecureTransport': 'true', 'aws:PrincipalAccount': this.o.account, 'aws:ResourceAccount': this.o.account,
          'aws:RequestedRegion': this.o.region, 'aws:PrincipalArn': req.roleArn, 'aws:PrincipalType': 'AssumedRole',
          'aws:userid': `AROA:${roleName}`, ...(req.context ?? {}),
        },
      },
      identityPolicies: (role?.policies ?? []).map((p) => ({ name: p.name, policy: p.policy })),
      serviceControlPolicies: [], resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    }, {});
    if (out.resultType === 'error') throw new Error(`parity: IAM simulation of ${req.action} on ${req.resource} failed: ${out.errors.message}`);
    const allowed = out.overallResult === 'Allowed';
    const why = out.overallResult === 'ExplicitlyDenied' ? 'with an explicit deny' : `because no identity-based policy allows the ${req.action} action`;
    return { allowed, result: out.overallResult, message: `User: ${session} is not authorized to perform: ${req.action} on resource: ${req.resource} ${why}` };
  }

  private resourcePolicyOf(arn: string): Policy | undefined {
    const exact = this.o.resourcePolicies.get(arn);
    if (exact) return exact;
    if (arn.startsWith('arn:aws:s3:::')) return this.o.resourcePolicies.get(arn.split('/')[0]!);
    return undefined;
  }
}
