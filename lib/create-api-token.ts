/**
 * Creates the first API token of a deployment: stores its SHA-256 hash in the table and prints
 * the token once (lambdas/api/auth.ts `createApiToken`). Uses your AWS credentials:
 *   TABLE_NAME=<TableName output> AWS_REGION=<region> node -r ./bin/register.js lib/create-api-token.ts [live|sandbox]
 */
import { createApiToken } from '../lambdas/api/auth';

async function main(): Promise<void> {
  const environment = process.argv[2] ?? 'sandbox';
  if (environment !== 'live' && environment !== 'sandbox') throw new Error(`environment must be live or sandbox, not ${environment}`);
  if (!process.env.TABLE_NAME) throw new Error('set TABLE_NAME to the stack output TableName (and AWS_REGION to its region)');
  const token = await createApiToken(environment);
  process.stdout.write(`${token}\n`);
  process.stderr.write(`Stored the hash of a ${environment} API token in ${process.env.TABLE_NAME}; the token above is not shown again.\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).message}\n`); process.exitCode = 1; });
