import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@enos-ota/enos-simulator';

const MAIN = join(__dirname, '../src/main.ts');

function startService(
  sim: RunningSimulator,
): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
      env: {
        PATH: process.env['PATH'] ?? '',
        SWC_NODE_PROJECT: join(__dirname, '../tsconfig.json'),
        ENOS_GATEWAY_URL: sim.url,
        ENOS_APP_KEY: sim.appKey,
        ENOS_APP_SECRET: sim.appSecret,
        PORT: '0',
        OTA_CACHE_TTL_MS: '0',
        OTA_RATE_LIMIT_RPS: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), exited });
    });
    setTimeout(() => reject(new Error('the service did not start')), 20_000).unref();
  });
}

/**
 * How one request ended. `answered`: the expected 404 (the jobs do not exist, so each request makes its
 * own EnOS call). `closed-unread`: a keep-alive connection the service closed as idle just as the
 * request went out; the service never read it (EnOS never saw its job), and HTTP clients retry these.
 * `refused`: the service no longer listens. Anything else is a failure: `dropped` (the service took
 * the request and never answered) or `status <n>` (it answered something else).
 */
type Outcome = 'answered' | 'closed-unread' | 'refused' | 'dropped' | `status ${number}`;

/** One GET on a keep-alive agent for a job id no other request uses. */
function get(port: number, agent: Agent, jobId: string, reachedEnos: (jobId: string) => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `/api/v1/orgs/yourOrgId/ota-jobs/${jobId}`, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 404 ? 'answered' : `status ${res.statusCode ?? 0}`));
      res.on('error', () => resolve('dropped'));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve('refused');
      else resolve(req.reusedSocket && !reachedEnos(jobId) ? 'closed-unread' : 'dropped');
    });
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown under load', () => {
  let sim: RunningSimulator;
  /** Every request line the simulator served or saw reset, with its job id. */
  const upstreamLines: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, logRequests: (line) => upstreamLines.push(line), latencyMs: 150 });
  });
  afterAll(() => sim.close());

  it('answers every request in flight at SIGTERM, then exits 0', async () => {
    const { child, port, exited } = await startService(sim);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const reachedEnos = (jobId: string) => upstreamLines.some((line) => line.includes(`jobId=${jobId}`));
    const outcomes: Outcome[] = [];
    let sent = 0;
    // Each worker keeps one connection busy until the service stops taking requests.
    const worker = async (n: number) => {
      for (;;) {
        sent += 1;
        const outcome = await get(port, agent, `job-${n}-${sent}`, reachedEnos);
        outcomes.push(outcome);
        if (outcome === 'refused' || outcome === 'closed-unread') return;
      }
    };
    const workers = Array.from({ length: 20 }, (_, n) => worker(n));
    // Load first: enough answers that every connection is busy and kept alive.
    while (outcomes.length < 60) await sleep(20);
    const answeredBefore = outcomes.filter((o) => o === 'answered').length;
    child.kill('SIGTERM');
    await Promise.all(workers);
    agent.destroy();
    expect(await exited).toBe(0);
    expect(answeredBefore).toBeGreaterThanOrEqual(60);
    const failures = outcomes.filter((o) => o === 'dropped' || o.startsWith('status'));
    expect(failures).toEqual([]);
    // The requests in flight at SIGTERM were answered, not cut off.
    expect(outcomes.filter((o) => o === 'answered').length).toBeGreaterThan(answeredBefore);
  });
});
