/**
 * Rehearsal of a deployment of the service package (`npm run package`, the Nx target this test depends
 * on), exactly as the container image runs it: the folder copied away from the workspace, its
 * dependencies installed with `npm ci --omit=dev`, `node <flags> main.js` on Node.js 24, secrets from
 * files, against the built EnOS simulator. A runtime dependency missing from the package fails here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node24 } from './support/node24';
import { run, start, waitForOutput, type Started } from './support/processes';
import { PACKAGE_LAYOUT, ROOT, SERVICE_NODE_FLAGS, serviceHealthRoutes } from './support/workspace';

const JOB_PATH = '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

describe('the service package, deployed as the image deploys it', () => {
  const apiKey = randomBytes(24).toString('base64url');
  let work: string;
  let packageDir: string;
  let node: string;
  let simulator: Started;
  let service: Started;
  let serviceEnv: NodeJS.ProcessEnv;
  let url: string;

  const startService = () => start(node, [...SERVICE_NODE_FLAGS, 'main.js'], { cwd: packageDir, env: serviceEnv });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { headers: { 'X-Api-Key': apiKey, ...headers }, signal: AbortSignal.timeout(10_000) });

  beforeAll(async () => {
    const built = join(ROOT, PACKAGE_LAYOUT.packageDir);
    if (!existsSync(join(built, 'main.js'))) throw new Error(`${built} is missing: run npm run package`);
    work = mkdtempSync(join(tmpdir(), 'enos-ota-package-'));
    packageDir = join(work, 'ota-service');
    cpSync(built, packageDir, { recursive: true });
    const [install, runtime] = await Promise.all([
      run('npm', [...PACKAGE_LAYOUT.installArgs], { cwd: packageDir, timeout: 200_000 }),
      node24(),
    ]);
    expect(install.stderr).not.toMatch(/\bERR!/);
    node = runtime;

    simulator = start(process.execPath, [join(ROOT, 'apps/enos-simulator/dist/main.js')], {
      env: {
        PATH: process.env['PATH'],
        ENOS_SIM_PORT: '0',
        ENOS_SIM_LOG: '0',
        ENOS_SIM_APP_KEY: 'rehearsal-app',
        ENOS_SIM_APP_SECRET: 'rehearsal-secret',
      },
    });
    const gatewayUrl = (await waitForOutput(simulator, /listening on (http:\/\/\S+)/, 20_000))[1];

    const secrets = join(work, 'secrets');
    mkdirSync(secrets);
    writeFileSync(join(secrets, 'enos-app-secret'), 'rehearsal-secret\n', { mode: 0o600 });
    const digest = createHash('sha256').update(apiKey).digest('hex');
    writeFileSync(
      join(secrets, 'api-keys.json'),
      JSON.stringify([{ name: 'rehearsal', sha256: digest, orgIds: ['*'] }]),
    );
    // Only what the image sets: no workspace paths, no OTA_WEB_ROOT.
    serviceEnv = {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      ENOS_GATEWAY_URL: gatewayUrl,
      ENOS_APP_KEY: 'rehearsal-app',
      ENOS_APP_SECRET_FILE: join(secrets, 'enos-app-secret'),
      OTA_API_KEYS_FILE: join(secrets, 'api-keys.json'),
    };
    service = startService();
    url = (await waitForOutput(service, LISTENING, 30_000))[1] ?? '';
  });

  afterAll(async () => {
    await service?.stop();
    await simulator?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds only the service: its own package.json and lockfile, no build tools', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.devDependencies).toBeUndefined();
    for (const [name, version] of Object.entries<string>(manifest.dependencies)) {
      expect(name).not.toMatch(/^@angular\/|^typescript$|^jest$|^nx$|^@nx\//);
      // Exact versions, or the workspace library copied into the package.
      expect(version).toMatch(/^\d+\.\d+\.\d+$|^file:\.\/workspace_modules\//);
    }
    expect(existsSync(join(packageDir, 'package-lock.json'))).toBe(true);
    expect(existsSync(join(packageDir, 'node_modules/@angular/core'))).toBe(false);
    expect(existsSync(join(packageDir, 'node_modules/typescript'))).toBe(false);
  });

  it('runs on Node.js 24', async () => {
    const { stdout } = await run(node, ['--version']);
    expect(stdout.trim()).toMatch(/^v24\./);
    expect(service.child.exitCode).toBeNull();
  });

  it('answers a job to a caller with an API key, and 401 without one', async () => {
    const job = await get(JOB_PATH);
    expect(job.status).toBe(200);
    expect(await job.json()).toMatchObject({ orgId: 'yourOrgId', jobId: 'yourJobId' });
    const anonymous = await fetch(`${url}${JOB_PATH}`);
    expect(anonymous.status).toBe(401);
  });

  it('serves the web app from inside the package, with no OTA_WEB_ROOT', async () => {
    const page = await get('/', { Accept: 'text/html' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<ota-root');
    const script = /<script src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await get(`/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers every health route the Kubernetes probes use', async () => {
    const routes = serviceHealthRoutes();
    expect(routes).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    for (const path of routes) {
      const response = await fetch(`${url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('serves its API documentation and metrics from the installed dependencies', async () => {
    expect((await get('/docs/')).status).toBe(200);
    expect((await get('/docs/swagger-ui.css')).status).toBe(200);
    expect((await get('/openapi.json')).status).toBe(200);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await service.stop()).toBe(0);
  });

  it('exports traces when an OTLP endpoint is set: the SDK it loads only then is in the package', async () => {
    const received: string[] = [];
    const collector = createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      request.resume().on('end', () => response.end('{}'));
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    const traced = start(node, [...SERVICE_NODE_FLAGS, 'main.js'], {
      cwd: packageDir,
      env: { ...serviceEnv, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    try {
      const tracedUrl = (await waitForOutput(traced, LISTENING, 30_000))[1];
      const job = await fetch(`${tracedUrl}${JOB_PATH}`, { headers: { 'X-Api-Key': apiKey } });
      expect(job.status).toBe(200);
      expect(await traced.stop()).toBe(0);
      expect(received).toContain('POST /v1/traces');
    } finally {
      await traced.stop();
      collector.close();
    }
  });

  it('does not start when a runtime dependency is missing, and says which', async () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toHaveProperty('cockatiel');
    rmSync(join(packageDir, 'node_modules/cockatiel'), { recursive: true });
    const broken = startService();
    expect(await broken.exited).not.toBe(0);
    expect(broken.output()).toMatch(/Cannot find module 'cockatiel'/);
  });
});
