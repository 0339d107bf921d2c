import { FaultSpecError, parseFaultSpec, parseFaultSpecs } from './fault-spec';

describe('parseFaultSpec', () => {
  it('accepts the documented example unchanged', () => {
    const spec = {
      operation: 'ota-jobs.get',
      latencyMs: 300,
      jitterMs: 0,
      fault: { kind: 'http-status', status: 503, retryAfterSeconds: 1, rate: 1, count: 2 },
    };
    expect(parseFaultSpec(spec)).toEqual(spec);
  });

  it.each([
    { kind: 'enos-error', code: 99500, msg: 'Internal Server Error' },
    { kind: 'enos-error', code: 1203 },
    { kind: 'http-status', status: 429 },
    { kind: 'connection-reset', rate: 0.5 },
    { kind: 'malformed-json', count: 1 },
    { kind: 'wrong-content-type', contentType: 'text/plain', status: 502 },
    { kind: 'oversized-body', bytes: 1024 },
    { kind: 'slow-body', ms: 250 },
  ])('accepts fault %j', (fault) => {
    expect(parseFaultSpec({ operation: '*', fault })).toEqual({ operation: '*', fault });
  });

  it('accepts expireTokensNow on its own, and a null fault (latency only)', () => {
    expect(parseFaultSpec({ expireTokensNow: true })).toEqual({ expireTokensNow: true });
    expect(parseFaultSpec({ operation: 'token.get', latencyMs: 5, fault: null })).toEqual({
      operation: 'token.get',
      latencyMs: 5,
      fault: null,
    });
  });

  it.each([
    ['not an object', 'slow', /JSON object/],
    ['no operation', { latencyMs: 10 }, /"operation" is required/],
    ['an empty spec', {}, /"operation" is required/],
    [
      'an unknown operation',
      { operation: 'ota-jobs.delete' },
      /operation must be one of token.get, token.refresh, ota-jobs.get, ota-jobs.search, ota-jobs.searchTask, ota-firmwares.get, \*/,
    ],
    ['a misspelt field', { operation: '*', latency: 10 }, /unknown field "latency"/],
    ['a negative latency', { operation: '*', latencyMs: -1 }, /latencyMs must be a number from 0/],
    ['an unknown kind', { operation: '*', fault: { kind: 'explode' } }, /fault.kind must be one of/],
    ['a field of another kind', { operation: '*', fault: { kind: 'slow-body', bytes: 3 } }, /unknown field "bytes"/],
    [
      'a rate above 1',
      { operation: '*', fault: { kind: 'malformed-json', rate: 1.5 } },
      /fault.rate must be a number from 0 to 1/,
    ],
    [
      'a count of 0',
      { operation: '*', fault: { kind: 'malformed-json', count: 0 } },
      /fault.count must be an integer from 1/,
    ],
    ['a code of 0', { operation: '*', fault: { kind: 'enos-error', code: 0 } }, /non-zero/],
    ['no code', { operation: '*', fault: { kind: 'enos-error' } }, /fault.code must be an integer/],
    [
      'a 200 http-status',
      { operation: '*', fault: { kind: 'http-status', status: 200 } },
      /fault.status must be an integer from 400 to 599/,
    ],
    [
      'a fractional Retry-After',
      { operation: '*', fault: { kind: 'http-status', status: 503, retryAfterSeconds: 0.5 } },
      /retryAfterSeconds/,
    ],
    [
      'a multi-line content type',
      { operation: '*', fault: { kind: 'wrong-content-type', contentType: 'a\r\nb' } },
      /one-line/,
    ],
    ['a non-boolean expireTokensNow', { expireTokensNow: 'yes' }, /expireTokensNow must be true or false/],
  ])('refuses %s with a message saying what is wrong', (_case, value, message) => {
    expect(() => parseFaultSpec(value)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(value)).toThrow(message);
  });
});

describe('parseFaultSpecs', () => {
  it('takes one spec or an array, naming the index of a bad array item', () => {
    expect(parseFaultSpecs({ operation: '*', latencyMs: 1 })).toHaveLength(1);
    expect(parseFaultSpecs([{ operation: '*' }, { expireTokensNow: true }])).toHaveLength(2);
    expect(() => parseFaultSpecs([{ operation: '*' }, { operation: 'nope' }])).toThrow(/^\[1\] operation must be/);
  });
});
