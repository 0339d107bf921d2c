import { canonicalRequestText, requestSignature, tokenEncryption } from './signatures';

describe('requestSignature', () => {
  it('reproduces the published EnOS test vector', () => {
    const body = '{\n  "count": 20,\n  "page": 1,\n  "desc": "描述"\n}';
    const query = new URLSearchParams('k3=v3&k1=v1&k2=v2');
    expect(requestSignature('xxxxaaaxxxx', query, body, 1572574909697, 'xxxappSecretxxx')).toBe(
      '59828328f6c1f9771015dc74e4929ae30f518a35a3d2353972c2ea46556fc981',
    );
  });

  it('signs decoded query values, so percent-encoding and + spaces do not change the signature', () => {
    const encoded = new URLSearchParams('k2=a+b&k1=v1&k3=%E6%8F%8F%E8%BF%B0');
    // Independently computed: sha256("tok" + "k1v1k2a bk3描述" + "1000" + "sec").
    expect(requestSignature('tok', encoded, '', 1000, 'sec')).toBe(
      '7ae1bc648afd2b7d94a459e51c0db50e283dc7ee10e617a38fa0ef9ab9915346',
    );
  });

  it('changes when any signed part changes', () => {
    const query = new URLSearchParams('action=get&orgId=o1&jobId=j1');
    const base = requestSignature('tok', query, '', 1, 'sec');
    expect(requestSignature('tok2', query, '', 1, 'sec')).not.toBe(base);
    expect(requestSignature('tok', new URLSearchParams('action=get&orgId=o1&jobId=j2'), '', 1, 'sec')).not.toBe(base);
    expect(requestSignature('tok', query, '{}', 1, 'sec')).not.toBe(base);
    expect(requestSignature('tok', query, '', 2, 'sec')).not.toBe(base);
    expect(requestSignature('tok', query, '', 1, 'sec2')).not.toBe(base);
  });
});

describe('canonicalRequestText', () => {
  it('sorts by key in ASCII order (upper case before lower case) and appends the raw body', () => {
    const query = new URLSearchParams('b=2&a=1&B=3&orgId=o&action=get');
    expect(canonicalRequestText(query, '{"x":1}')).toBe('B3a1actiongetb2orgIdo{"x":1}');
  });

  it('keeps repeated keys in their order of appearance', () => {
    expect(canonicalRequestText(new URLSearchParams('k=2&a=0&k=1'))).toBe('a0k2k1');
  });
});

describe('tokenEncryption', () => {
  it('is lowercase hex SHA-256 of appKey + timestamp + appSecret', () => {
    // Independently computed: sha256("sim-app-key1591171274788sim-app-secret").
    const expected = '67a0c762629382a19911be4037f03895e102b40e3c263267b6319a05cd7dcc2a';
    expect(tokenEncryption('sim-app-key', 1591171274788, 'sim-app-secret')).toBe(expected);
    expect(tokenEncryption('sim-app-key', '1591171274788', 'sim-app-secret')).toBe(expected);
  });
});
