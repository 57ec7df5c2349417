/**
 * CloudFormation custom resources of the stack (as-code-resource.ts, upgrade-resource.ts): the
 * request event as CloudFormation sends it, and the answer, a PUT to its presigned ResponseURL.
 */
import { z } from 'zod';

export const CustomResourceEvent = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']), ResponseURL: z.string().url(), StackId: z.string(), RequestId: z.string(),
  LogicalResourceId: z.string(), PhysicalResourceId: z.string().optional(), ResourceProperties: z.record(z.string(), z.unknown()),
});
export type CustomResourceEvent = z.infer<typeof CustomResourceEvent>;

/** Answers CloudFormation (Status, PhysicalResourceId, Reason, Data). */
export async function respond(event: CustomResourceEvent, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(event.ResponseURL, {
    method: 'PUT', headers: { 'content-type': '' },
    body: JSON.stringify({ StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, ...body }),
  });
  if (!res.ok) throw new Error(`CloudFormation's response URL answered ${res.status}`);
}
