import { WebhookEventVerifier } from '@onfido/api';
import { signBody } from '../../lambdas/webhooks';

const TOKEN = '_ABC123abc123ABC123abc123ABC123_';
const BODY = '{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"check-123","status":"complete","completed_at_iso8601":"2020-01-01T00:00:00Z","href":"https://api.onfido.com/v3/checks/check-123"}}}';

describe('X-SHA2-Signature', () => {
  it('matches the documented vector', () => {
    expect(signBody(BODY, TOKEN)).toBe('a0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760e');
  });

  it('is accepted by the official client, and a changed body is not', () => {
    const verifier = new WebhookEventVerifier(TOKEN);
    expect(verifier.readPayload(BODY, signBody(BODY, TOKEN))).toEqual(JSON.parse(BODY));
    expect(() => verifier.readPayload(BODY.replace('check-123', 'check-124'), signBody(BODY, TOKEN))).toThrow(/Invalid signature/);
  });
});
