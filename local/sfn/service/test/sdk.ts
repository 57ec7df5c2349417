/**
 * An SDK client for a local server: dummy credentials, us-east-1, no retries (a failure shows at
 * once). `disableHostPrefix` stops StartSyncExecution from calling `sync-<host>`, which only AWS resolves.
 */
import { SFNClient } from '@aws-sdk/client-sfn';

export function sdkClient(url: string): SFNClient {
  return new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1, disableHostPrefix: true });
}
