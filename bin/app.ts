/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` (cdk.json runs this file through bin/register.js).
 * Settings come from context (`-c stage=dev -c allowedOrigins=https://a.example,https://b.example`,
 * see lib/config.ts); cdk-nag's AwsSolutions pack checks every resource at synth.
 * `-c studio:bundling=skip` synthesizes placeholder code instead of bundling (fast checks only).
 */
import { App } from 'aws-cdk-lib';
import { addStudio } from '../lib/app';

const app = new App();
addStudio(app, { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
app.synth();
