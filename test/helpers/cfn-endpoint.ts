/**
 * A loopback stand-in for CloudFormation around a custom resource handler: the request event (as
 * CloudFormation sends it) and the presigned response URL the handler PUTs its answer to.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CfnAnswer { Status: string; Reason?: string; PhysicalResourceId?: string; RequestId: string; Data?: Record<string, string> }
type Handler = (event: unknown, context: { getRemainingTimeInMillis(): number }) => Promise<void>;

export async function cfnEndpoint() {
  const answers = new Map<string, CfnAnswer>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CfnAnswer;
      answers.set(answer.RequestId, answer);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** Sends `handler` one request; its answer (undefined if it sent none). `timeLeftMs`: the Lambda's remaining time. */
    async request(handler: Handler, type: 'Create' | 'Update' | 'Delete', properties: Record<string, unknown>, timeLeftMs = () => 900_000): Promise<CfnAnswer | undefined> {
      const RequestId = randomUUID();
      await handler({
        RequestType: type, ResponseURL: `${url}/response/${RequestId}`, StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/studio/local',
        RequestId, LogicalResourceId: 'WorkflowUpgrade', ResourceType: 'Custom::StudioWorkflowUpgrade',
        ...(type === 'Create' ? {} : { PhysicalResourceId: 'workflow-machines' }), ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:upgrade', ...properties },
      }, { getRemainingTimeInMillis: timeLeftMs });
      return answers.get(RequestId);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
