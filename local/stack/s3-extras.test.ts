import { checkPostPolicy } from './s3-extras';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const policy = (conditions: unknown[], expiration = '2026-11-30T10:15:00Z') => Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
const form = (conditions: unknown[], extra: Record<string, string> = {}, expiration?: string) => ({
  key: 'sandbox/a/documents/1', 'Content-Type': 'image/png', Policy: policy(conditions, expiration),
  'X-Amz-Credential': 'local/20261130/us-east-1/s3/aws4_request', 'X-Amz-Signature': 'ab', ...extra,
});
const CONDITIONS = [{ bucket: 'media' }, { key: 'sandbox/a/documents/1' }, ['eq', '$Content-Type', 'image/png'], ['content-length-range', 10, 10],
  { 'X-Amz-Credential': 'local/20261130/us-east-1/s3/aws4_request' }];

describe('checkPostPolicy (what s3rver does not check of a browser form upload)', () => {
  it('accepts a form that meets every condition', () => {
    expect(checkPostPolicy('media', form(CONDITIONS), 10, NOW)).toBeUndefined();
  });
  it.each([
    ['another size', form(CONDITIONS), 11, 'EntityTooLarge'],
    ['a smaller file', form(CONDITIONS), 9, 'EntityTooSmall'],
    ['another key', form(CONDITIONS, { key: 'sandbox/b/documents/1' }), 10, 'AccessDenied'],
    ['another bucket', form([{ bucket: 'other' }]), 10, 'AccessDenied'],
    ['a field no condition covers', form(CONDITIONS, { acl: 'public-read' }), 10, 'AccessDenied'],
    ['an expired policy', form(CONDITIONS, {}, '2026-11-30T09:59:59Z'), 10, 'AccessDenied'],
    ['no signature', { ...form(CONDITIONS), 'X-Amz-Signature': '' }, 10, 'AccessDenied'],
  ] as const)('refuses %s', (_what, fields, size, code) => {
    expect(checkPostPolicy('media', fields as Record<string, string>, size, NOW)?.code).toBe(code);
  });
});
