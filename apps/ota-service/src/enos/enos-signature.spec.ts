import { enosSignature, tokenEncryption } from './enos-signature';
import { createHash } from 'node:crypto';

describe('enosSignature', () => {
  it('reproduces the published EnOS test vector', () => {
    const body = '{\n  "count": 20,\n  "page": 1,\n  "desc": "描述"\n}';
    expect(
      enosSignature({
        accessToken: 'xxxxaaaxxxx',
        query: { k3: 'v3', k1: 'v1', k2: 'v2' },
        body,
        timestamp: 1572574909697,
        appSecret: 'xxxappSecretxxx',
      }),
    ).toBe('59828328f6c1f9771015dc74e4929ae30f518a35a3d2353972c2ea46556fc981');
  });

  it('signs decoded values sorted by key, with no body', () => {
    const expected = createHash('sha256')
      .update('tokactiongetjobIdj 1&x=yorgIdo/1' + '1700000000000' + 'secret')
      .digest('hex');
    expect(
      enosSignature({
        accessToken: 'tok',
        query: { orgId: 'o/1', jobId: 'j 1&x=y', action: 'get' },
        timestamp: 1700000000000,
        appSecret: 'secret',
      }),
    ).toBe(expected);
  });
});

describe('tokenEncryption', () => {
  it('hashes appKey + timestamp + appSecret', () => {
    expect(tokenEncryption('key', 1591171274788, 'secret')).toBe(
      createHash('sha256').update('key1591171274788secret').digest('hex'),
    );
  });
});
