/** Definitions AWS refuses are refused through the SDK too, with AWS's diagnostic code (fixtures/README.md). */
import * as sdk from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { createEngine, type SfnEngine } from '../engine';
import { ControlPlane } from './control-plane';
import { createSfnServer, type SfnServer } from './http-server';
import { sdkClient } from './test/sdk';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctions';
const dir = path.join(__dirname, 'fixtures', 'invalid');
const fixtureSchema = z.object({ rule: z.string(), code: z.string(), definition: z.unknown().optional(), text: z.string().optional() });
const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, ...fixtureSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) }));

describe('definitions AWS refuses', () => {
  let engine: SfnEngine;
  let server: SfnServer;
  let client: sdk.SFNClient;
  beforeAll(async () => {
    engine = createEngine({ clock: { now: () => 0 } });
    server = await createSfnServer({ engine, controlPlane: await ControlPlane.open({}) });
    client = sdkClient(server.url);
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
    await engine.close();
  });

  it('has at least 20 cases', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)('$file: $rule → $code', async ({ file, code, definition, text }) => {
    const body = text ?? JSON.stringify(definition);
    const created = client.send(new sdk.CreateStateMachineCommand({ name: file.replace(/\.json$/, ''), definition: body, roleArn: ROLE }));
    await expect(created).rejects.toMatchObject({ name: 'InvalidDefinition', message: expect.stringContaining(`${code}: `) });
    const validated = await client.send(new sdk.ValidateStateMachineDefinitionCommand({ definition: body }));
    expect(validated.result).toBe('FAIL');
    expect(validated.diagnostics?.map((d) => d.code)).toContain(code);
  });

  it('takes the same definitions once the broken rule is repaired', async () => {
    const repaired = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.Timeout'] }, { ErrorEquals: ['States.ALL'], BackoffRate: 1, JitterStrategy: 'FULL' }], TimeoutSeconds: 10, HeartbeatSeconds: 9, End: true } } };
    const validated = await client.send(new sdk.ValidateStateMachineDefinitionCommand({ definition: JSON.stringify(repaired) }));
    expect(validated).toMatchObject({ result: 'OK', diagnostics: [] });
  });
});
