import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '@enos-ota/enos-simulator';
import { apiKeysFile } from './support/api-keys-file';

const MAIN = join(__dirname, '../src/main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real entry point (main.ts through SWC) as a child process. */
function runService(
  env: Record<string, string>,
  whileRunning?: (port: number, stop: () => void) => Promise<void>,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
      env: { PATH: process.env['PATH'] ?? '', SWC_NODE_PROJECT: join(__dirname, '../tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (match && !started && whileRunning) {
        started = true;
        whileRunning(Number(match[1]), () => child.kill('SIGTERM')).catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error);
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

describe('the service process', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, logRequests: false, latencyMs: 0 });
  });
  afterAll(() => sim.close());

  it.each<[string, Record<string, string>, RegExp]>([
    ['no EnOS settings', {}, /ENOS_GATEWAY_URL, ENOS_APP_KEY, ENOS_APP_SECRET \(or ENOS_APP_SECRET_FILE\) missing/],
    [
      'a bad port',
      { ENOS_GATEWAY_URL: 'http://127.0.0.1:1', ENOS_APP_KEY: 'k', ENOS_APP_SECRET: 's', PORT: 'abc' },
      /PORT must be a whole number/,
    ],
  ])('refuses to start with %s, naming the setting', async (_label, env, message) => {
    const run = await runService(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  describe('when it cannot listen', () => {
    let holder: Server;
    let port: number;
    beforeAll(async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      port = (holder.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    const enosEnv = () => ({ ENOS_GATEWAY_URL: sim.url, ENOS_APP_KEY: sim.appKey, ENOS_APP_SECRET: sim.appSecret });

    it('names the address in use and the settings to change, without a stack trace', async () => {
      const run = await runService({ ...enosEnv(), PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`ota-service cannot start: 127.0.0.1:${port} is already in use (PORT, HOST)`);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    });

    it('prints the stack trace at LOG_LEVEL=debug', async () => {
      const run = await runService({ ...enosEnv(), PORT: String(port), LOG_LEVEL: 'debug' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is already in use');
      expect(run.stderr).toMatch(/^\s+at /m);
    });

    it('names a HOST that is not an address of this machine', async () => {
      const run = await runService({ ...enosEnv(), HOST: '192.0.2.1', OTA_API_KEYS_FILE: apiKeysFile() });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('HOST=192.0.2.1 is not an address of this machine');
    });
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    sim.setFaults({ operation: 'ota-jobs.get', latencyMs: 800 });
    let status = 0;
    const run = await runService(
      {
        ENOS_GATEWAY_URL: sim.url,
        ENOS_APP_KEY: sim.appKey,
        ENOS_APP_SECRET: sim.appSecret,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      async (port, stop) => {
        const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/orgs/yourOrgId/ota-jobs/yourJobId`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        stop();
        status = (await inFlight).status;
      },
    );
    expect(status).toBe(200);
    expect(run.code).toBe(0);
  });
});
