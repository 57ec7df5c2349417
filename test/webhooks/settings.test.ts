import { retryDelaySeconds, webhookSettings } from '../../lambdas/webhooks';

describe('webhook settings', () => {
  it('defaults to 8 attempts and a 10 s timeout', () => {
    const s = webhookSettings({});
    expect(s.WEBHOOK_MAX_ATTEMPTS).toBe(8);
    expect(s.WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(webhookSettings({ WEBHOOK_MAX_ATTEMPTS: '3' }).WEBHOOK_MAX_ATTEMPTS).toBe(3);
  });

  it('backs off exponentially up to the cap', () => {
    const s = { WEBHOOK_BACKOFF_BASE_SECONDS: 30, WEBHOOK_BACKOFF_MAX_SECONDS: 3600 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelaySeconds(n, s))).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600]);
  });
});
