import { clients, resetClients } from '../shared/aws';
import { putObject } from './s3';

describe('putObject', () => {
  afterEach(() => resetClients());
  it('leaves encryption to the bucket default (SSE-KMS with the data key in AWS)', async () => {
    resetClients();
    const sent: Array<Record<string, unknown>> = [];
    clients().s3.middlewareStack.add(() => async (args) => {
      sent.push(args.input as Record<string, unknown>);
      return { output: { $metadata: {} }, response: {} };
    }, { step: 'initialize', name: 'capture' });
    await putObject('sandbox/a/document/d', Buffer.from('x'), 'image/jpeg');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ Key: 'sandbox/a/document/d', ContentType: 'image/jpeg' });
    expect(sent[0]).not.toHaveProperty('ServerSideEncryption');
    expect(sent[0]).not.toHaveProperty('SSEKMSKeyId');
  });
});
