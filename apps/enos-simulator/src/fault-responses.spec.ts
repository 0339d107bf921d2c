import { validateEnosEnvelope, validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { distort, padJsonObject, replacementFor } from './fault-responses';
import { jsonResponse } from './sim-response';

describe('replacementFor', () => {
  it('answers an enos-error in the token envelope for token calls', () => {
    const response = replacementFor({ kind: 'enos-error', code: 1005 }, 'token.get')!;
    const body = JSON.parse(response.body);
    expect(response.status).toBe(200);
    expect(body).toEqual({ status: 1005, msg: 'internal error' });
    expect(validateTokenResponse(body).valid).toBe(true);
  });

  it('answers an enos-error in the connect-service envelope for OTA calls', () => {
    const response = replacementFor({ kind: 'enos-error', code: 99500 }, 'ota-jobs.get')!;
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ code: 99500, msg: 'Internal Server Error', data: null });
    expect(body.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(validateEnosEnvelope(body).valid).toBe(true);
  });

  it('names the resource in the default 24404 message', () => {
    const msg = (operation: 'ota-jobs.get' | 'ota-firmwares.get') =>
      JSON.parse(replacementFor({ kind: 'enos-error', code: 24404 }, operation)!.body).msg;
    expect(msg('ota-jobs.get')).toBe('Job not found');
    expect(msg('ota-firmwares.get')).toBe('Firmware not found');
  });

  it('sets Retry-After only when asked', () => {
    expect(replacementFor({ kind: 'http-status', status: 429, retryAfterSeconds: 3 }, 'ota-jobs.get')!.headers).toEqual(
      {
        'retry-after': '3',
      },
    );
    expect(replacementFor({ kind: 'http-status', status: 502 }, 'ota-jobs.get')!.headers).toBeUndefined();
  });

  it('leaves distorting faults to distort()', () => {
    expect(replacementFor({ kind: 'malformed-json' }, 'ota-jobs.get')).toBeUndefined();
    expect(replacementFor({ kind: 'slow-body' }, 'ota-jobs.get')).toBeUndefined();
  });
});

describe('distort', () => {
  const real = jsonResponse(200, JSON.stringify({ code: 0, msg: 'OK', data: { jobId: 'j' } }), 0);

  it('truncates malformed-json answers so they no longer parse', () => {
    const body = distort(real, { kind: 'malformed-json' }).body;
    expect(real.body.startsWith(body)).toBe(true);
    expect(() => JSON.parse(body)).toThrow();
  });

  it('pads oversized answers to the byte count, still valid JSON with the real fields', () => {
    const body = distort(real, { kind: 'oversized-body', bytes: 10_000 }).body;
    expect(Buffer.byteLength(body)).toBe(10_000);
    expect(JSON.parse(body)).toMatchObject({ code: 0, data: { jobId: 'j' } });
  });
});

describe('padJsonObject', () => {
  it('handles an empty object and a body already larger than asked', () => {
    expect(JSON.parse(padJsonObject('{}', 50))).toEqual({ simulatorPadding: expect.any(String) });
    expect(JSON.parse(padJsonObject('{"a":1}', 1))).toEqual({ a: 1, simulatorPadding: '' });
  });
});
