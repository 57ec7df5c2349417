import * as sdk from '@aws-sdk/client-sfn';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sfnLocal } from '../../../cli/sfn-local';
import { loadLambdas } from './lambdas';
import { sdkClient } from './test/sdk';

const LAMBDAS = path.join(__dirname, 'test', 'lambdas', 'lambdas.json');
const ROLE = 'arn:aws:iam::000000000000:role/R';

/** Runs the command until `stop()`; resolves `url` from its start-up line; `lines` is what it logged. */
function run(args: string[]) {
  const controller = new AbortController();
  let announce: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announce = resolve));
  const lines: string[] = [];
  const exit = sfnLocal(args, {
    signal: controller.signal,
    log: (line) => {
      lines.push(line);
      const m = /on (http:\/\/\S+)/.exec(line);
      if (m?.[1]) announce(m[1]);
    },
  });
  return { url: Promise.race([url, exit.then((code) => Promise.reject(new Error(`exited with ${code}`)))]), stop: () => (controller.abort(), exit), lines };
}

const putEvents = JSON.stringify({
  StartAt: 'Announce',
  States: {
    Announce: {
      Type: 'Task', Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ Source: 'studio.test', DetailType: 'order.placed', 'Detail.$': '$' }] }, End: true,
    },
  },
});

/** The recorded events of the default bus, as `{ bus, event }` lines. */
const recorded = (lines: string[]): unknown[] => lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);

/** Asks until the execution leaves RUNNING; each turn is an HTTP round trip, not a timer. */
async function finished(client: sdk.SFNClient, executionArn: string | undefined): Promise<sdk.DescribeExecutionOutput> {
  for (let i = 0; i < 500; i++) {
    const d = await client.send(new sdk.DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
  }
  throw new Error(`${executionArn} still running`);
}

describe('studio sfn-local', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sfn-local-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the API with --lambdas and keeps its data across a restart with --data', async () => {
    const first = run(['--port', '0', '--data', dataDir, '--lambdas', LAMBDAS]);
    let client = sdkClient(await first.url);
    const definition = JSON.stringify({
      StartAt: 'Greet',
      States: {
        Greet: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'greet', 'Payload.$': '$' }, ResultSelector: { 'greeting.$': '$.Payload.greeting' }, Next: 'Double' },
        Double: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:legacy', Parameters: { n: 21 }, ResultPath: '$.math', End: true },
      },
    });
    const { stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'hello', definition, roleArn: ROLE, publish: true }));
    const { executionArn } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn: `${stateMachineArn}:1`, input: '{"name":"ada"}' }));
    const done = await finished(client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({ greeting: 'hello ada', math: { doubled: 42 } });
    client.destroy();
    expect(await first.stop()).toBe(0);

    const second = run(['--port', '0', '--data', dataDir]);
    client = sdkClient(await second.url);
    expect((await client.send(new sdk.ListStateMachineVersionsCommand({ stateMachineArn }))).stateMachineVersions).toHaveLength(1);
    expect(await client.send(new sdk.DescribeExecutionCommand({ executionArn }))).toMatchObject({ status: 'SUCCEEDED', stateMachineVersionArn: `${stateMachineArn}:1` });
    // without --lambdas, Lambda tasks fail as AWS does for a missing function
    const again = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    expect(await finished(client, again.executionArn)).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
    client.destroy();
    expect(await second.stop()).toBe(0);
  });

  it('sends events:putEvents to a default bus that records each event in <data>/events.jsonl', async () => {
    const server = run(['--port', '0', '--data', dataDir]);
    const client = sdkClient(await server.url);
    const { stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'announce', definition: putEvents, roleArn: ROLE }));
    const { executionArn } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, input: '{"order":7}' }));
    const done = await finished(client, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const eventId = (JSON.parse(done.output ?? 'null') as { Entries: { EventId: string }[] }).Entries[0]?.EventId;
    expect(recorded((await readFile(path.join(dataDir, 'events.jsonl'), 'utf8')).split('\n'))).toEqual([{
      bus: 'default',
      event: expect.objectContaining({ id: eventId, source: 'studio.test', 'detail-type': 'order.placed', detail: { order: 7 }, account: '000000000000', region: 'us-east-1' }),
    }]);
    client.destroy();
    expect(await server.stop()).toBe(0);
  });

  it('logs the events of the default bus when there is no --data', async () => {
    const server = run(['--port', '0']);
    const client = sdkClient(await server.url);
    const { stateMachineArn } = await client.send(new sdk.CreateStateMachineCommand({ name: 'announce', definition: putEvents, roleArn: ROLE }));
    const { executionArn } = await client.send(new sdk.StartExecutionCommand({ stateMachineArn, input: '{"order":8}' }));
    expect((await finished(client, executionArn)).status).toBe('SUCCEEDED');
    const logged = recorded(server.lines.filter((l) => l.startsWith('sfn-local: event ')).map((l) => l.slice('sfn-local: event '.length)));
    expect(logged).toEqual([{ bus: 'default', event: expect.objectContaining({ source: 'studio.test', detail: { order: 8 } }) }]);
    client.destroy();
    expect(await server.stop()).toBe(0);
  });

  it('rejects bad options and a broken --lambdas file', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await sfnLocal(['--port', 'x'])).toBe(2);
      expect(await sfnLocal(['--verbose', 'yes'])).toBe(2);
      expect(await sfnLocal(['--lambdas', path.join(dataDir, 'missing.json')])).toBe(1);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringContaining('--port must be 0-65535'), expect.stringContaining("unknown option '--verbose'"), expect.stringContaining('cannot load --lambdas'),
      ]);
    } finally {
      errors.mockRestore();
    }
  });

  it('loads handlers from a mapping file, callback style included', async () => {
    const handlers = await loadLambdas(LAMBDAS);
    const context = { functionName: 'x', awsRequestId: 'r' };
    expect(await handlers['greet']?.({ name: 'bo' }, context)).toEqual({ greeting: 'hello bo' });
    expect(await handlers['arn:aws:lambda:us-east-1:000000000000:function:legacy']?.({ n: 2 }, context)).toEqual({ doubled: 4 });
  });
});
