/** Security and wiring properties of the synthesized template (one synth for the file). */
import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOf, studioFunctions, synthStudio } from './synth';

const { stack, template } = synthStudio();
const fnId = (key: keyof typeof stack.functions) => stack.getLogicalId(stack.functions[key].fn.node.defaultChild as never);

describe('Lambda functions', () => {
  const fns = studioFunctions(template);
  test('exactly the eight entry points, and only deploy-time providers besides them (CDK\'s, the upgrade of workflow machines)', () => {
    expect(Object.keys(fns)).toHaveLength(8);
    const others = Object.keys(resourcesOf(template, 'AWS::Lambda::Function')).filter((k) => !fns[k]);
    expect(others.map((k) => k.replace(/[0-9A-F]{8,}.*$/, '')).sort()).toEqual(['CustomCDKBucketDeployment', 'WorkflowUpgradeFunction']);
  });
  test.each(Object.entries(fns))('%s: nodejs22.x, arm64, active tracing, JSON logs, Powertools', (_id, fn) => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' },
      Environment: { Variables: expect.objectContaining({ POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^studio-prod-/), POWERTOOLS_LOGGER_LOG_EVENT: 'false' }) },
    });
  });
  test('the reports function has reserved concurrency, memory and /tmp for models and video', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'studio-prod-reports', ReservedConcurrentExecutions: 20, MemorySize: 3008, EphemeralStorage: { Size: 2048 },
    });
  });
  test('every handler gets the configuration of lambdas/shared/config.ts', () => {
    const vars = (fns[fnId('api')]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const name of ['TABLE_NAME', 'BUCKET_NAME', 'EVENT_BUS_NAME', 'STATE_MACHINE_ROLE_ARN', 'STATE_MACHINE_PREFIX', 'TASK_FUNCTION', 'REPORT_FUNCTION', 'PUBLIC_URL', 'SDK_TOKEN_SECRET_ARN']) {
      expect(vars[name]).toBeDefined();
    }
    expect(vars.SDK_TOKEN_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^SdkTokenSecret/) });
  });
  test.each(Object.entries(fns))('%s: never SDK_TOKEN_SECRET (only its ARN, loaded at cold start) nor STUDIO_ALLOW_LOOPBACK_WEBHOOKS', (_id, fn) => {
    const vars = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars)).not.toContain('SDK_TOKEN_SECRET');
    expect(Object.keys(vars)).not.toContain('STUDIO_ALLOW_LOOPBACK_WEBHOOKS');
  });
});

describe('data at rest', () => {
  test('table: on demand, PITR, customer-managed KMS, deletion protection, TTL, the five indexes', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expires_at_epoch', Enabled: true },
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1' }, { IndexName: 'gsi2' }, { IndexName: 'by_status' }, { IndexName: 'review_queue' }, {
        // A status list's runs of one environment (lambdas/store/status-key.ts); added last: one new index per stack update.
        IndexName: 'by_env_status', Projection: { ProjectionType: 'ALL' },
        KeySchema: [{ AttributeName: 'env_status', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }],
      }].map((i) => Match.objectLike(i)),
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });
  test('every KMS key rotates', () => {
    const keys = resourcesOf(template, 'AWS::KMS::Key');
    expect(Object.keys(keys).length).toBeGreaterThanOrEqual(2);
    for (const key of Object.values(keys)) expect(key.Properties?.EnableKeyRotation).toBe(true);
  });
  test('every bucket denies requests without TLS', () => {
    const policies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);   // access logs, media, web
    for (const p of policies) {
      expect(p.Properties?.PolicyDocument).toMatchObject({ Statement: expect.arrayContaining([expect.objectContaining({
        Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      })]) });
    }
  });
  test('media bucket: KMS, public access blocked, access logs, lifecycle, CORS for presigned uploads', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'media/' },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } })]) },
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: Match.arrayWith(['PUT', 'POST']), AllowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000', 'https://*.cloudfront.net'] })] },
    });
  });
  test('every log group is encrypted and expires', () => {
    for (const lg of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
      expect(lg.Properties).toMatchObject({ KmsKeyId: expect.anything(), RetentionInDays: 90 });
    }
  });
  test('the SDK-token secret is generated and encrypted with the data key', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: Match.anyValue(), GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  });
});

describe('a redeploy after cdk destroy', () => {
  test('the secret has no fixed name (Secrets Manager holds a deleted name for 7-30 days)', () => {
    for (const secret of Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret'))) expect(secret.Properties!.Name).toBeUndefined();
  });
  test('every retained log group is unnamed or named per stack instance (the stack id)', () => {
    for (const lg of Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))) {
      const name = lg.Properties!.LogGroupName;
      if (name !== undefined) expect(JSON.stringify(name)).toContain('"Ref":"AWS::StackId"');
    }
  });
  test('KMS aliases go with the stack (the retained keys keep no alias)', () => {
    const aliases = Object.values(template.findResources('AWS::KMS::Alias')) as Array<{ DeletionPolicy?: string }>;
    expect(aliases.length).toBeGreaterThan(0);
    for (const a of aliases) expect(a.DeletionPolicy ?? 'Delete').toBe('Delete');
  });
});

describe('API', () => {
  test('HTTP API stage: throttling and JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default', AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });
  test('CORS for the capture and builder origins, with the Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP', CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173', 'http://127.0.0.1:3000'], AllowHeaders: Match.arrayWith(['Authorization']) }),
    });
  });
  test('payload format 2.0 to the API function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId('api'), 'Arn'] },
    });
  });
});
