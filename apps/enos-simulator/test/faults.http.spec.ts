// Fault injection over real HTTP: each kind as configured, count and rate, latency (lower bounds only:
// a loaded machine may be slower, never faster), and the stats that count injected faults.
import { validateGetOtaJobResponse, validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { performance } from 'node:perf_hooks';
import { startSimulator, type RunningSimulator } from '../src/index';
import {
  TOKEN_GET,
  getOtaJob,
  getToken,
  postJson,
  postRaw,
  signedHeaders,
  tokenBody,
} from './support/enos-test-client';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  token = await getToken(sim);
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

const getJob = () => getOtaJob(sim, token, 'yourOrgId', 'yourJobId');

async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await action();
  return { result, ms: performance.now() - started };
}

describe('latency', () => {
  it('delays the configured operation by at least latencyMs, and not the others', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 150 });
    const slow = await timed(getJob);
    expect(slow.result.json.code).toBe(0);
    expect(slow.ms).toBeGreaterThanOrEqual(145);
    expect(sim.stats().faultsInjected).toBe(0);
    expect(sim.stats().calls['ota-jobs.get']).toBe(1);
    const other = await timed(() => postJson(sim, TOKEN_GET, tokenBody(sim)));
    expect(other.result.json.status).toBe(0);
  });

  it('adds jitter on top of latencyMs', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 60, jitterMs: 40 });
    expect((await timed(getJob)).ms).toBeGreaterThanOrEqual(58);
  });

  it('applies a * spec to every operation without a spec of its own', async () => {
    sim.setFaults({ operation: '*', latencyMs: 80 });
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'enos-error', code: 99500 } });
    expect((await timed(() => postJson(sim, TOKEN_GET, tokenBody(sim)))).ms).toBeGreaterThanOrEqual(78);
    const job = await timed(getJob);
    expect(job.result.json.code).toBe(99500);
  });

  it('adds the start-up latencyMs to every OTA call (not token calls), and reset keeps it', async () => {
    const slowSim = await startSimulator({ port: 0, latencyMs: 100 });
    try {
      const own = await getToken(slowSim);
      expect((await timed(() => getOtaJob(slowSim, own, 'yourOrgId', 'yourJobId'))).ms).toBeGreaterThanOrEqual(98);
      slowSim.reset();
      expect((await timed(() => getOtaJob(slowSim, own, 'yourOrgId', 'yourJobId'))).ms).toBeGreaterThanOrEqual(98);
    } finally {
      await slowSim.close();
    }
  });
});

describe('enos-error', () => {
  it('answers the configured code in the connect-service envelope, then recovers after count', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'enos-error', code: 99500, count: 2 } });
    const answers = [await getJob(), await getJob(), await getJob()];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(validateGetOtaJobResponse(answer.json).valid).toBe(true);
    }
    expect(answers.map((a) => a.json.code)).toEqual([99500, 99500, 0]);
    expect(answers[0]!.json).toMatchObject({ msg: 'Internal Server Error', data: null });
    expect(sim.stats()).toMatchObject({
      faultsInjected: 2,
      faultsInjectedByOperation: { 'ota-jobs.get': 2 },
      faultsInjectedByKind: { 'enos-error': 2 },
    });
  });

  it('answers in the token envelope for token calls, with the given msg', async () => {
    sim.setFaults({ operation: 'token.get', fault: { kind: 'enos-error', code: 1005, msg: 'try later' } });
    const answer = await postJson(sim, TOKEN_GET, tokenBody(sim));
    expect(validateTokenResponse(answer.json).valid).toBe(true);
    expect(answer.json).toEqual({ status: 1005, msg: 'try later' });
  });
});

describe('http-status', () => {
  it.each([500, 502, 503, 429])('answers HTTP %i', async (status) => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'http-status', status } });
    const answer = await getJob();
    expect(answer.status).toBe(status);
    expect(answer.headers.get('retry-after')).toBeNull();
  });

  it('sends Retry-After when asked, for the next count requests only', async () => {
    sim.setFaults({
      operation: 'ota-jobs.get',
      fault: { kind: 'http-status', status: 503, retryAfterSeconds: 1, count: 2 },
    });
    const answers = [await getJob(), await getJob(), await getJob()];
    expect(answers.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(answers[0]!.headers.get('retry-after')).toBe('1');
    expect(answers[2]!.headers.get('retry-after')).toBeNull();
  });
});

describe('connection-reset', () => {
  it('cuts the connection without an answer, then serves again after count', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'connection-reset', count: 1 } });
    await expect(getJob()).rejects.toThrow();
    expect((await getJob()).json.code).toBe(0);
    expect(sim.stats().faultsInjectedByKind).toEqual({ 'connection-reset': 1 });
  });
});

describe('damaged answers', () => {
  it('malformed-json: HTTP 200, JSON content type, a body that does not parse', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'malformed-json' } });
    const answer = await getJob();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.json).toBeUndefined();
    expect(answer.text.startsWith('{"code":0')).toBe(true);
  });

  it('wrong-content-type: an HTML page, or the given content type and status', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'wrong-content-type' } });
    const html = await getJob();
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/^<!DOCTYPE html>/);
    sim.setFaults({
      operation: 'ota-jobs.get',
      fault: { kind: 'wrong-content-type', contentType: 'text/plain', status: 502 },
    });
    const plain = await getJob();
    expect(plain.status).toBe(502);
    expect(plain.headers.get('content-type')).toBe('text/plain');
  });

  it('oversized-body: valid JSON of at least the given size, carrying the real answer', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'oversized-body', bytes: 200_000 } });
    const answer = await getJob();
    expect(Buffer.byteLength(answer.text)).toBeGreaterThanOrEqual(200_000);
    expect(Number(answer.headers.get('content-length'))).toBeGreaterThanOrEqual(200_000);
    expect(answer.json).toMatchObject({ code: 0, data: { jobId: 'yourJobId' } });
  });

  it('oversized-body defaults to 5 MiB', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'oversized-body' } });
    expect(Buffer.byteLength((await getJob()).text)).toBeGreaterThanOrEqual(5 * 1024 * 1024);
  });

  it('slow-body: headers at once, the body trickled over at least ms', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'slow-body', ms: 300 } });
    const started = performance.now();
    const response = await fetch(
      `${sim.url}/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId`,
      {
        headers: signedHeaders(sim, token, new URLSearchParams('action=get&orgId=yourOrgId&jobId=yourJobId')),
      },
    );
    const headersAt = performance.now();
    const body: any = await response.json();
    const bodyDoneAt = performance.now();
    expect(response.status).toBe(200);
    expect(body.code).toBe(0);
    expect(bodyDoneAt - started).toBeGreaterThanOrEqual(295);
    // Most of the time is spent after the headers arrived: the body, not the answer, is slow.
    expect(bodyDoneAt - headersAt).toBeGreaterThanOrEqual(240);
  });
});

describe('rate', () => {
  it('never fires at rate 0', async () => {
    sim.setFaults({ operation: 'token.get', fault: { kind: 'enos-error', code: 1005, rate: 0 } });
    for (let i = 0; i < 20; i++) expect((await postJson(sim, TOKEN_GET, tokenBody(sim))).json.status).toBe(0);
    expect(sim.stats().faultsInjected).toBe(0);
  });

  it('fires on roughly the given share of requests', async () => {
    sim.setFaults({ operation: 'token.get', fault: { kind: 'enos-error', code: 1005, rate: 0.5 } });
    let failed = 0;
    for (let i = 0; i < 200; i++) if ((await postJson(sim, TOKEN_GET, tokenBody(sim))).json.status === 1005) failed++;
    // Binomial(200, 0.5) falls outside [40, 160] with probability below 1e-17.
    expect(failed).toBeGreaterThanOrEqual(40);
    expect(failed).toBeLessThanOrEqual(160);
    expect(sim.stats().faultsInjected).toBe(failed);
    expect(sim.stats().calls['token.get']).toBe(200);
  });
});

describe('POST /__sim/faults', () => {
  it('installs specs like setFaults, one operation replacing its previous spec, and lists them', async () => {
    const first = await postJson(sim, '/__sim/faults', {
      operation: 'ota-jobs.get',
      latencyMs: 300,
      jitterMs: 0,
      fault: { kind: 'http-status', status: 503, retryAfterSeconds: 1, rate: 1, count: 2 },
    });
    expect(first.status).toBe(200);
    await postJson(sim, '/__sim/faults', [
      { operation: 'ota-jobs.get', fault: { kind: 'malformed-json' } },
      { operation: 'token.refresh', latencyMs: 5 },
    ]);
    const listed = await fetch(`${sim.url}/__sim/faults`).then((r) => r.json());
    expect(listed).toEqual({
      faults: {
        'ota-jobs.get': { latencyMs: 0, jitterMs: 0, fault: { kind: 'malformed-json' }, remaining: null },
        'token.refresh': { latencyMs: 5, jitterMs: 0, fault: null, remaining: null },
      },
    });
    expect((await getJob()).json).toBeUndefined();
  });

  it('expires every token with expireTokensNow', async () => {
    const answer = await postJson(sim, '/__sim/faults', { expireTokensNow: true });
    expect(answer.json.expiredTokens).toBe(true);
    expect((await getJob()).json.code).toBe(1203);
    token = await getToken(sim);
    expect((await getJob()).json.code).toBe(0);
  });

  it.each([
    ['not JSON', '{"operation":', /must be a JSON fault spec/],
    ['an unknown operation', '{"operation":"ota-jobs.delete"}', /operation must be one of/],
    ['an unknown kind', '{"operation":"*","fault":{"kind":"flood"}}', /fault.kind must be one of/],
    ['a misspelt field', '{"operation":"*","latency":5}', /unknown field "latency"/],
  ])('answers 400 with a clear message for %s, and changes nothing', async (_case, body, message) => {
    const answer = await postRaw(sim, '/__sim/faults', body);
    expect(answer.status).toBe(400);
    expect(answer.json.message).toMatch(message);
    expect(await fetch(`${sim.url}/__sim/faults`).then((r) => r.json())).toEqual({ faults: {} });
  });

  it('setFaults throws on a bad spec', () => {
    expect(() => sim.setFaults({ operation: 'nope' } as never)).toThrow(/operation must be one of/);
  });
});

describe('start-up faults', () => {
  it('installs the faults option as if posted, and reset clears them', async () => {
    const faulty = await startSimulator({
      port: 0,
      faults: [{ operation: 'token.get', fault: { kind: 'enos-error', code: 1005, count: 1 } }],
    });
    try {
      expect((await postJson(faulty, TOKEN_GET, tokenBody(faulty))).json.status).toBe(1005);
      expect((await postJson(faulty, TOKEN_GET, tokenBody(faulty))).json.status).toBe(0);
      faulty.setFaults({ operation: 'token.get', fault: { kind: 'enos-error', code: 1005 } });
      faulty.reset();
      expect((await postJson(faulty, TOKEN_GET, tokenBody(faulty))).json.status).toBe(0);
    } finally {
      await faulty.close();
    }
  });

  it('refuses a bad faults option before listening', async () => {
    await expect(startSimulator({ port: 0, faults: [{ operation: 'x' } as never] })).rejects.toThrow(
      /operation must be one of/,
    );
  });
});
