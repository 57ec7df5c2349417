import { randomUUID } from 'node:crypto';
import type { LambdaHandler } from '../../contract';
import { isObject, type Json } from '../asl/json';
import { failed, ok, type Integration, type TaskOutcome, type TaskRequest } from './types';

const INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:([^:]+):(\d+):function:([^:]+)(?::(.+))?$/;

const names = new Map<string, string>();

/** In-process Lambda functions, by name (an ARN or partial ARN resolves to its name). */
export class LambdaRegistry {
  private readonly handlers = new Map<string, LambdaHandler>();
  constructor(private readonly region: string, private readonly account: string, private readonly newId: () => string = randomUUID) {}

  static nameOf(nameOrArn: string): string {
    let name = names.get(nameOrArn);
    if (name === undefined) {
      name = LambdaRegistry.parseName(nameOrArn);
      if (names.size > 1000) names.clear();
      names.set(nameOrArn, name);
    }
    return name;
  }

  private static parseName(nameOrArn: string): string {
    const m = FUNCTION_ARN.exec(nameOrArn);
    if (m) return m[3] ?? nameOrArn;
    const partial = /^(?:\d+:)?function:([^:]+)/.exec(nameOrArn);
    if (partial) return partial[1] ?? nameOrArn;
    return nameOrArn.split(':')[0] ?? nameOrArn;
  }

  register(nameOrArn: string, h: LambdaHandler): void { this.handlers.set(LambdaRegistry.nameOf(nameOrArn), h); }
  unregister(nameOrArn: string): void { this.handlers.delete(LambdaRegistry.nameOf(nameOrArn)); }

  /** Runs the function; a thrown error becomes AWS's function-error shape. */
  async call(nameOrArn: string, payload: unknown): Promise<{ ok: true; result: unknown; text: string; requestId: string } | { ok: false; outcome: TaskOutcome }> {
    const name = LambdaRegistry.nameOf(nameOrArn);
    const h = this.handlers.get(name);
    const requestId = this.newId();
    if (!h) {
      return { ok: false, outcome: failed('Lambda.ResourceNotFoundException',
        `Function not found: arn:aws:lambda:${this.region}:${this.account}:function:${name}:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`) };
    }
    try {
      const result = await h(JSON.parse(JSON.stringify(payload ?? null)), { functionName: name, awsRequestId: requestId });
      const text = result === undefined ? 'null' : JSON.stringify(result);
      return { ok: true, result: JSON.parse(text) as unknown, text, requestId };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const errorType = (err as { errorType?: string }).errorType ?? err.name ?? 'Error';
      const stackTrace = (err.stack ?? '').split('\n').slice(1).map((s) => s.trim());
      return { ok: false, outcome: failed(errorType, JSON.stringify({ errorMessage: err.message, errorType, requestId, stackTrace })) };
    }
  }
}

/** `arn:aws:states:::lambda:invoke[.waitForTaskToken]` and raw function ARNs. */
export function lambdaIntegration(reg: LambdaRegistry): Integration {
  return {
    matches: (r) => INVOKE.test(r) || FUNCTION_ARN.test(r),
    async invoke(req: TaskRequest): Promise<TaskOutcome> {
      if (FUNCTION_ARN.test(req.resource)) {
        const r = await reg.call(req.resource, req.args);
        return r.ok ? ok(r.result) : r.outcome;
      }
      const args = isObject(req.args) ? req.args : {};
      if (typeof args.FunctionName !== 'string') return failed('States.Runtime', `lambda:invoke needs a string FunctionName, got ${JSON.stringify(args.FunctionName)}`);
      const r = await reg.call(args.FunctionName, args.Payload);
      if (!r.ok) return r.outcome;
      const shaped = {
        ExecutedVersion: '$LATEST',
        Payload: r.result,
        SdkHttpMetadata: {
          AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'x-amzn-Remapped-Content-Length': ['0'], Connection: ['keep-alive'], 'x-amzn-RequestId': [r.requestId], 'Content-Type': ['application/json'] },
          HttpHeaders: { Connection: 'keep-alive', 'Content-Type': 'application/json', 'X-Amz-Executed-Version': '$LATEST', 'x-amzn-Remapped-Content-Length': '0', 'x-amzn-RequestId': r.requestId },
          HttpStatusCode: 200,
        },
        SdkResponseMetadata: { RequestId: r.requestId },
        StatusCode: 200,
      };
      // The same JSON as JSON.stringify(shaped), without walking it again (history shows it).
      const id = JSON.stringify(r.requestId);
      const text = `{"ExecutedVersion":"$LATEST","Payload":${r.text},"SdkHttpMetadata":{"AllHttpHeaders":{"X-Amz-Executed-Version":["$LATEST"],"x-amzn-Remapped-Content-Length":["0"],"Connection":["keep-alive"],"x-amzn-RequestId":[${id}],"Content-Type":["application/json"]},"HttpHeaders":{"Connection":"keep-alive","Content-Type":"application/json","X-Amz-Executed-Version":"$LATEST","x-amzn-Remapped-Content-Length":"0","x-amzn-RequestId":${id}},"HttpStatusCode":200},"SdkResponseMetadata":{"RequestId":${id}},"StatusCode":200}`;
      return { kind: req.token ? 'submitted' : 'ok', output: shaped as unknown as Json, text };
    },
  };
}
