/** The console's Cognito user pool: admin-created users only, MFA offered, role and environments as attributes users cannot write (only their name), wired into the API. */
import { resourcesOf, synthStudio } from './synth';

const { stack, template } = synthStudio();
const pools = resourcesOf(template, 'AWS::Cognito::UserPool');
const clients = resourcesOf(template, 'AWS::Cognito::UserPoolClient');

test('one user pool: no self sign-up, MFA optional with authenticator apps, role and environments attributes, kept on delete', () => {
  expect(Object.keys(pools)).toHaveLength(1);
  expect(Object.values(pools)[0]!.Properties).toMatchObject({
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    UsernameAttributes: ['email'], DeletionProtection: 'ACTIVE',
    Schema: expect.arrayContaining([
      expect.objectContaining({ Name: 'role', AttributeDataType: 'String', Mutable: true }),
      expect.objectContaining({ Name: 'environments', AttributeDataType: 'String', Mutable: true }),
    ]),
  });
  template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
});

test('one public app client that reads role and environments and writes only the name (an empty list would be every attribute)', () => {
  expect(Object.keys(clients)).toHaveLength(1);
  const client = Object.values(clients)[0]!.Properties!;
  expect(client).toMatchObject({ GenerateSecret: false, PreventUserExistenceErrors: 'ENABLED' });
  // The console's sign-in form sends InitiateAuth with USER_PASSWORD_AUTH from the browser (web/console/src/cognito.ts).
  expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
  expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:role', 'custom:environments', 'email']));
  expect(client.WriteAttributes).toEqual(['name']);
});

test('the API verifies the pool\'s ID tokens: it gets the pool and client ids', () => {
  const api = template.toJSON().Resources[stack.getLogicalId(stack.functions.api.fn.node.defaultChild as never)];
  const vars = api.Properties.Environment.Variables as Record<string, unknown>;
  expect(vars.CONSOLE_USER_POOL_ID).toEqual({ Ref: expect.stringMatching(/^ConsoleUsersPool/) });
  expect(vars.CONSOLE_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^ConsoleUsersPoolConsole/) });
  expect(vars.CONSOLE_KEY_FILE).toBeUndefined();
});
