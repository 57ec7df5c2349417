/**
 * Workflows as code: definition files (JSON, the same format the builder saves) are validated
 * and compiled at synth time with the compiler, and deployed as Standard state machines that
 * run with the shared workflow role, log to the workflow log group and trace with X-Ray.
 * Each is runnable as an activated workflow is: the stack publishes a state machine version of
 * the current definition (a new one whenever it changes), points the alias `live` at it, and a
 * custom resource (lib/workflow-records.ts) writes the workflow and version records the API
 * would, with the workflow id of the file name, in the file's environment.
 * Any invalid definition fails synth with every problem of every file listed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CustomResource } from 'aws-cdk-lib';
import { CfnStateMachine, CfnStateMachineAlias, CfnStateMachineVersion } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { z } from 'zod';
import { compile, type CompileContextInput, type Problem } from '../compiler';
import { WorkflowFile } from './config';
import { WORKFLOW_RECORDS_TYPE, type RecordsProperties } from '../lambdas/workflows/as-code-resource';
import { LIVE_ALIAS } from '../lambdas/workflows/publish';
import { WorkflowRecordsProvider, type WorkflowRecordsProps } from './workflow-records';
import { machinePrefix, type WorkflowRuntime } from './workflow-runtime';

export interface WorkflowsAsCodeProps {
  /**
   * Definition files (a string: of live) or `{ file, environment }`; the machine is named
   * `<prefix>--<file name without .json>` and tagged `studio:environment` with its environment.
   */
  files: Array<string | z.input<typeof WorkflowFile>>;
  runtime: WorkflowRuntime;
  /** Function, table and bus names the compiled Task states call. */
  context: CompileContextInput;
  /** Where the workflow records go, and how their deploy-time function is built. */
  records: WorkflowRecordsProps;
}

/** Name of a machine from its file: `kyc.workflow.json` → `kyc`. */
export const workflowId = (file: string) => path.basename(file).replace(/(\.workflow)?\.json$/, '').replace(/[^A-Za-z0-9_-]/g, '-');

export const formatProblems = (file: string, problems: Problem[]) =>
  problems.map((p) => `  ${file}: [${p.code}]${p.task ? ` task ${p.task}` : ''}${p.path ? ` at ${p.path}` : ''}: ${p.message}`);

export class WorkflowsAsCode extends Construct {
  readonly machines: Record<string, CfnStateMachine> = {};
  /** The environment (sandbox or live) of each machine's workflow, by machine name. */
  readonly environments: Record<string, WorkflowFile['environment']> = {};
  /** The published version and the alias `live` of each machine, by machine name. */
  readonly versions: Record<string, CfnStateMachineVersion> = {};
  readonly aliases: Record<string, CfnStateMachineAlias> = {};
  private provider?: WorkflowRecordsProvider;

  constructor(scope: Construct, id: string, props: WorkflowsAsCodeProps) {
    super(scope, id);
    const problems: string[] = [];
    const { runtime } = props;
    for (const { file, environment } of props.files.map((f) => WorkflowFile.parse(f))) {
      const name = `${machinePrefix(runtime.prefix)}${workflowId(file)}`;
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch (e) {
        problems.push(`  ${file}: cannot be read (${(e as Error).message})`);
        continue;
      }
      const result = compile(text, props.context);
      if (!result.ok) { problems.push(...formatProblems(file, result.problems)); continue; }
      if (this.machines[name]) { problems.push(`  ${file}: a second definition named ${name}; rename one of the files`); continue; }
      this.machines[name] = new CfnStateMachine(this, workflowId(file), {
        stateMachineName: name, stateMachineType: 'STANDARD', roleArn: runtime.role.roleArn,
        definitionString: result.json,
        loggingConfiguration: {
          level: 'ALL', includeExecutionData: false, // execution data holds applicant PII
          destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: runtime.logGroup.logGroupArn } }],
        },
        tracingConfiguration: { enabled: true },
        tags: [{ key: 'studio:environment', value: environment }],
      });
      this.environments[name] = environment;
      this.machines[name].node.addDependency(runtime.role);
      this.publish(name, workflowId(file), environment, path.basename(file), JSON.parse(text) as { name?: unknown; description?: unknown }, props.records);
    }
    if (problems.length > 0) {
      const message = `WorkflowsAsCode: ${problems.length} problem(s) in workflow definitions:\n${problems.join('\n')}`;
      // Throwing at construction is what makes `cdk synth` (and Template.fromStack) fail.
      throw new Error(message);
    }
  }

  /** Version (replaced, so published anew, when the definition changes), alias, records. */
  private publish(name: string, id: string, environment: WorkflowFile['environment'], file: string, definition: { name?: unknown; description?: unknown }, records: WorkflowRecordsProps): void {
    const machine = this.machines[name]!;
    const version = (this.versions[name] = new CfnStateMachineVersion(this, `${id}Version`, {
      stateMachineArn: machine.ref, stateMachineRevisionId: machine.attrStateMachineRevisionId, description: `deployed as code from ${file}`,
    }));
    const alias = (this.aliases[name] = new CfnStateMachineAlias(this, `${id}Alias`, {
      name: LIVE_ALIAS, description: 'The active workflow version', routingConfiguration: [{ stateMachineVersionArn: version.ref, weight: 100 }],
    }));
    this.provider ??= new WorkflowRecordsProvider(this, 'Records', records);
    const properties: RecordsProperties = {
      TableName: records.table.tableName, WorkflowId: id, Environment: environment,
      Name: typeof definition.name === 'string' && definition.name ? definition.name : id,
      Description: typeof definition.description === 'string' ? definition.description : '',
      Notes: `Deployed as code from ${file}`, Definition: JSON.stringify(definition),
      StateMachineArn: machine.ref, StateMachineVersionArn: version.ref, AliasArn: alias.ref,
    };
    new CustomResource(this, `${id}Records`, { serviceToken: this.provider.fn.functionArn, resourceType: WORKFLOW_RECORDS_TYPE, properties });
  }
}
