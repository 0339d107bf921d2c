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

type Outcome = 'ok' | 'refused' | 'dropped' | 'other';

/** One GET on a keep-alive agent; "dropped" = the request went out and the connection died unanswered. */
function get(port: number, agent: Agent, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? 'ok' : 'other'));
      res.on('error', () => resolve('dropped'));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : req.reusedSocket ? 'refused' : 'dropped'),
    );
    req.end();
  });
}

describe('graceful shutdown under load', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, logRequests: false, latencyMs: 150 });
  });
  afterAll(() => sim.close());

  it('answers every request in flight at SIGTERM, then exits 0', async () => {
    const { child, port, exited } = await startService(sim);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const outcomes: Outcome[] = [];
    let stopping = false;
    const worker = async (n: number) => {
      while (!stopping || outcomes.length === 0) {
        const outcome = await get(port, agent, `/api/v1/orgs/yourOrgId/ota-jobs/job-${n}-${outcomes.length}`);
        outcomes.push(outcome === 'other' ? 'ok' : outcome); // 404 for unknown jobs is an answer
        if (outcome === 'refused') break;
      }
    };
    const workers = Array.from({ length: 20 }, (_, n) => worker(n));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const answeredBefore = outcomes.length;
    child.kill('SIGTERM');
    stopping = true;
    await Promise.all(workers);
    agent.destroy();
    expect(await exited).toBe(0);
    expect(answeredBefore).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o === 'dropped')).toEqual([]);
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(answeredBefore);
  });
});
