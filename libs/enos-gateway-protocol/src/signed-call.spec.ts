import { requestSignature } from './signatures';
import { checkSignedCall, hasSignedCallHeaders, readSignedCallHeaders } from './signed-call';

const query = new URLSearchParams('action=get&orgId=o1&jobId=j1');
const valid = { state: 'valid', appSecret: 'sec' } as const;

function headersFor(signature: string) {
  return { 'apim-accesstoken': 'tok', 'apim-signature': signature, 'apim-timestamp': '1700000000000' };
}

describe('readSignedCallHeaders', () => {
  it('reads the three headers in any case', () => {
    const read = readSignedCallHeaders({ 'Apim-Accesstoken': 'tok', 'APIM-SIGNATURE': 's', 'apim-timestamp': '1' });
    expect(read).toEqual({ ok: true, call: { accessToken: 'tok', signature: 's', timestamp: '1' } });
  });

  it('refuses missing headers with 1202, naming them, and a bad timestamp with 1004', () => {
    const missing = readSignedCallHeaders({ 'apim-accesstoken': 'tok' });
    expect(missing).toEqual({
      ok: false,
      refusal: { code: 1202, msg: 'parameter empty: apim-signature, apim-timestamp' },
    });
    const badTime = readSignedCallHeaders({ ...headersFor('s'), 'apim-timestamp': 'yesterday' });
    expect(!badTime.ok && badTime.refusal.code).toBe(1004);
  });

  it('tells a signed call from an unsigned one', () => {
    expect(hasSignedCallHeaders({ 'x-api-key': 'k' })).toBe(false);
    expect(hasSignedCallHeaders({ 'Apim-Signature': 'x' })).toBe(true);
  });
});

describe('checkSignedCall', () => {
  const call = (signature: string) => {
    const read = readSignedCallHeaders(headersFor(signature));
    if (!read.ok) throw new Error('headers should read');
    return read.call;
  };
  const good = requestSignature('tok', query, '{}', '1700000000000', 'sec');

  it('accepts the signature over the sorted query, the raw body and the timestamp', () => {
    expect(checkSignedCall(call(good), valid, query, '{}')).toBeNull();
  });

  it.each([
    ['a different body', '{ }', 1003],
    ['no body', '', 1003],
  ])('refuses the same signature over %s with %i', (_what, rawBody, code) => {
    expect(checkSignedCall(call(good), valid, query, rawBody)?.code).toBe(code);
  });

  it('answers 1004 for an unknown token and 1203 for an expired one, before looking at the signature', () => {
    expect(checkSignedCall(call(good), { state: 'unknown' }, query, '{}')?.code).toBe(1004);
    expect(checkSignedCall(call(good), { state: 'expired' }, query, '{}')).toEqual({
      code: 1203,
      msg: 'access token expired',
    });
  });

  it('refuses a signature made with another secret', () => {
    const forged = requestSignature('tok', query, '{}', '1700000000000', 'not-the-secret');
    expect(checkSignedCall(call(forged), valid, query, '{}')?.code).toBe(1003);
  });
});
