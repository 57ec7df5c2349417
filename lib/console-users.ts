/**
 * The console's users in AWS: a Cognito user pool that only admins add users to (no self
 * sign-up), MFA optional (authenticator apps), the role and environments of each user as the
 * custom attributes `role` (`admin` | `analyst`) and `environments` (`sandbox`, `live` or
 * `sandbox,live`), and one public app client (no secret: the console is a browser app) whose
 * ID tokens the API verifies with aws-jwt-verify (CONSOLE_USER_POOL_ID, CONSOLE_CLIENT_ID).
 * Users may change only their own name: a role a user could write would be no role.
 * Locally (and in parity mode) the same sign-in is local users and a local key set
 * (local/stack/console-keys.ts).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery, ClientAttributes, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface ConsoleUsersProps { prefix: string }

export class ConsoleUsers extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: ConsoleUsersProps) {
    super(scope, id);
    this.pool = new UserPool(this, 'Pool', {
      userPoolName: `${props.prefix}-console`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      customAttributes: {
        role: new StringAttribute({ minLen: 5, maxLen: 7, mutable: true }),
        environments: new StringAttribute({ minLen: 4, maxLen: 12, mutable: true }),
      },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.pool.addClient('Console', {
      userPoolClientName: `${props.prefix}-console`,
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('role', 'environments'),
      // Never an empty list: Cognito reads an empty WriteAttributes as "every attribute" (terraform-provider-aws#28684).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  /** What the API function reads (lambdas/shared/config.ts). */
  environment(): Record<string, string> {
    return { CONSOLE_USER_POOL_ID: this.pool.userPoolId, CONSOLE_CLIENT_ID: this.client.userPoolClientId };
  }
}
