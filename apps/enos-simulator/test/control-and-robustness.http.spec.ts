// The simulator's own API (stats, reset, unknown routes) and its robustness: bad and huge bodies,
// garbage on the socket, request logging, close().
import { request } from 'node:http';
import { connect } from 'node:net';
import { validateTokenResponse } from '@enos-ota/ota-contract/validation';
import { startSimulator, type RunningSimulator } from '../src/index';
import {
  OTA_FIRMWARES,
  OTA_JOBS,
  TOKEN_GET,
  TOKEN_REFRESH,
  callOtaJobs,
  getFirmware,
  getOtaJob,
  getToken,
  postJson,
  postRaw,
  searchOta,
  tokenBody,
} from './support/enos-test-client';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

const stats = async (): Promise<any> => (await fetch(`${sim.url}/__sim/stats`)).json();

describe('GET /__sim/stats and POST /__sim/reset', () => {
  it('counts requests per operation, listing every known operation from 0', async () => {
    sim.reset();
    expect((await stats()).calls).toEqual({
      'token.get': 0,
      'token.refresh': 0,
      'ota-jobs.get': 0,
      'ota-jobs.search': 0,
      'ota-jobs.searchTask': 0,
      'ota-firmwares.get': 0,
    });
    const token = await getToken(sim);
    await postJson(sim, TOKEN_REFRESH, tokenBody(sim, { accessToken: 'unknown' }));
    await getOtaJob(sim, token, 'yourOrgId', 'yourJobId');
    await getOtaJob(sim, token, 'yourOrgId', 'missing');
    // Search is a POST: as a GET it is an unsupported action.
    await callOtaJobs(sim, { token, query: { action: 'search', orgId: 'yourOrgId' } });
    await searchOta(sim, token, 'search', 'yourOrgId');
    await searchOta(sim, token, 'searchTask', 'yourOrgId', { expression: "jobId = 'yourJobId'" });
    await searchOta(sim, token, 'searchTask', 'yourOrgId', { expression: 'broken' });
    await getFirmware(sim, token, 'yourOrgId', '5ed0dd4a646542001b3d113f');
    await callOtaJobs(sim, { token, path: OTA_FIRMWARES, query: { action: 'list', orgId: 'yourOrgId' } });
    const counted = await stats();
    expect(counted.calls).toEqual({
      'token.get': 1,
      'token.refresh': 1,
      'ota-jobs.get': 2,
      'ota-jobs.search': 1,
      'ota-jobs.searchTask': 2,
      'ota-firmwares.get': 1,
      'ota-jobs.invalid-action': 1,
      'ota-firmwares.invalid-action': 1,
    });
    expect(counted.tokensIssued).toBe(1);
    expect(Date.parse(counted.since)).not.toBeNaN();
    expect(sim.stats().calls).toEqual(counted.calls);
  });

  it('reset clears faults and counters but keeps tokens valid', async () => {
    const token = await getToken(sim);
    sim.setFaults({ operation: 'ota-jobs.get', fault: { kind: 'enos-error', code: 99500 } });
    expect((await getOtaJob(sim, token, 'yourOrgId', 'yourJobId')).json.code).toBe(99500);
    const answer = await postRaw(sim, '/__sim/reset', '');
    expect(answer.status).toBe(200);
    expect(await stats()).toMatchObject({
      calls: { 'token.get': 0, 'token.refresh': 0, 'ota-jobs.get': 0 },
      faultsInjected: 0,
      tokensIssued: 0,
    });
    expect((await getOtaJob(sim, token, 'yourOrgId', 'yourJobId')).json.code).toBe(0);
    expect((await stats()).calls['ota-jobs.get']).toBe(1);
  });

  it('does not count its own API calls', async () => {
    sim.reset();
    await stats();
    await fetch(`${sim.url}/__sim/faults`);
    expect(Object.values((await stats()).calls).every((n) => n === 0)).toBe(true);
  });
});

describe('unknown routes and methods', () => {
  it.each(['/', '/connect-service/v2.1/ota-firmware?action=get', '/__sim/nothing', `${TOKEN_GET}/`, `${OTA_JOBS}/x`])(
    'answers 404 JSON for %s',
    async (path) => {
      const response = await fetch(sim.url + path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'Not Found' });
    },
  );

  it('answers 405 with Allow for a wrong method', async () => {
    const get = await fetch(sim.url + TOKEN_GET);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const del = await fetch(`${sim.url}${OTA_JOBS}?action=get`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
    const put = await fetch(`${sim.url}${OTA_FIRMWARES}?action=get`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect((await fetch(`${sim.url}/__sim/stats`, { method: 'POST' })).status).toBe(405);
  });
});

describe('bad input never stops the server', () => {
  it('refuses a request body over 64 KiB with 413 and the token code 1004', async () => {
    const huge = JSON.stringify({ ...tokenBody(sim), padding: 'x'.repeat(100 * 1024) });
    const answer = await postRaw(sim, TOKEN_GET, huge);
    expect(answer.status).toBe(413);
    expect(validateTokenResponse(answer.json).valid).toBe(true);
    expect(answer.json.status).toBe(1004);
    expect((await postJson(sim, TOKEN_GET, tokenBody(sim))).json.status).toBe(0);
  });

  it('refuses a chunked body that grows past the cap, without a Content-Length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sim.url}${TOKEN_GET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // 80 KiB in pieces; the server answers once it has seen more than 64 KiB.
      for (let i = 0; i < 10; i++) req.write('x'.repeat(8 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect((await fetch(`${sim.url}/__sim/stats`)).status).toBe(200);
  });

  it('refuses an oversized OTA request in the connect-service envelope', async () => {
    const token = await getToken(sim);
    const answer = await callOtaJobs(sim, {
      token,
      method: 'POST',
      body: 'x'.repeat(70 * 1024),
      query: { action: 'get', orgId: 'yourOrgId', jobId: 'yourJobId' },
    });
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ code: 99400, data: null });
  });

  it('answers 400 to bytes that are not HTTP and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(sim.port, '127.0.0.1', () => socket.write('\x00\x01 NOT HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await postJson(sim, TOKEN_GET, tokenBody(sim))).json.status).toBe(0);
  });

  it('answers a fault spec body over the cap with 413', async () => {
    const answer = await postRaw(sim, '/__sim/faults', JSON.stringify({ operation: '*', pad: 'x'.repeat(70 * 1024) }));
    expect(answer.status).toBe(413);
  });
});

describe('request log', () => {
  it('writes one line per request with method, path, operation, status and time', async () => {
    const lines: string[] = [];
    const logged = await startSimulator({ port: 0, logRequests: (line) => lines.push(line) });
    try {
      const token = await getToken(logged);
      await getOtaJob(logged, token, 'yourOrgId', 'nope');
      await fetch(`${logged.url}/elsewhere`);
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/ POST \/apim-token-service\/v2\.0\/token\/get token\.get 200 code=0 [0-9.]+ms$/);
      expect(lines[1]).toMatch(
        / GET \/connect-service\/v2\.1\/ota-jobs\?action=get&orgId=yourOrgId&jobId=nope ota-jobs\.get 200 code=24404 /,
      );
      expect(lines[2]).toMatch(/ GET \/elsewhere - 404 /);
    } finally {
      await logged.close();
    }
  });

  it('notes injected faults and cut connections', async () => {
    const lines: string[] = [];
    const logged = await startSimulator({ port: 0, logRequests: (line) => lines.push(line) });
    try {
      logged.setFaults({ operation: 'token.get', fault: { kind: 'connection-reset' } });
      await expect(postJson(logged, TOKEN_GET, tokenBody(logged))).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines[0]).toMatch(/ token\.get reset fault=connection-reset /);
    } finally {
      await logged.close();
    }
  });
});

describe('start-up and shutdown', () => {
  it('listens on 127.0.0.1 by default and reports the URL and port', async () => {
    const started = await startSimulator({ port: 0 });
    try {
      expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
      expect(started.appKey).toBe('sim-app-key');
      expect(started.appSecret).toBe('sim-app-secret');
    } finally {
      await started.close();
    }
  });

  it.each([
    [{ port: -1 }, /port must be an integer/],
    [{ tokenTtlSeconds: 0 }, /tokenTtlSeconds must be a positive number/],
    [{ latencyMs: -5 }, /latencyMs must be a number >= 0/],
    [{ appKey: '' }, /appKey must not be empty/],
    [{ dataFile: '/nonexistent/seed.json' }, /Simulator data file \/nonexistent\/seed.json: cannot be read/],
  ])('refuses %j', async (options, message) => {
    await expect(startSimulator(options)).rejects.toThrow(message);
  });

  it('fails to start on a port already in use', async () => {
    await expect(startSimulator({ port: sim.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('close() ends pending slow answers and frees the port at once', async () => {
    const closing = await startSimulator({ port: 0 });
    const token = await getToken(closing);
    closing.setFaults({ operation: 'ota-jobs.get', latencyMs: 60_000 });
    const pending = getOtaJob(closing, token, 'yourOrgId', 'yourJobId').then(
      () => 'answered',
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close();
    expect(await pending).toBe('cut');
    const again = await startSimulator({ port: closing.port });
    await again.close();
  });
});
