#!/usr/bin/env node
// Throughput of the built simulator on one core: signed Get OTA Job calls over loopback, as the OTA
// service makes them. The simulator runs pinned to CPU 0 (`taskset`, when present) and this load
// generator moves itself to CPU 1, so the figure is the simulator's, not the client's.
//
//   npx nx run enos-simulator:build && node apps/enos-simulator/scripts/bench-throughput.mjs
//   options: --duration=10 (seconds) --connections=32
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainJs = join(appRoot, 'dist', 'main.js');
const arg = (name, fallback) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = found ? Number(found.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};
// Bounded on purpose: the machine is shared.
const duration = Math.min(arg('duration', 10), 60);
const connections = arg('connections', 32);

if (!existsSync(mainJs)) {
  console.error(`${mainJs} is missing; build first: npx nx run enos-simulator:build`);
  process.exit(1);
}

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (hasTaskset) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });

const appKey = 'bench-key';
const appSecret = 'bench-secret';
const env = {
  ...process.env,
  ENOS_SIM_PORT: '0',
  ENOS_SIM_LOG: 'off',
  ENOS_SIM_APP_KEY: appKey,
  ENOS_SIM_APP_SECRET: appSecret,
};
const [command, args] = hasTaskset ? ['taskset', ['-c', '0', process.execPath, mainJs]] : [process.execPath, [mainJs]];
const simulator = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
const stop = () => simulator.kill('SIGTERM');
process.on('exit', stop);

const url = await new Promise((resolve, reject) => {
  let output = '';
  simulator.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]);
  });
  simulator.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
});

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const timestamp = Date.now();
const tokenReply = await fetch(`${url}/apim-token-service/v2.0/token/get`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ appKey, encryption: sha256(`${appKey}${timestamp}${appSecret}`), timestamp }),
}).then((r) => r.json());
const accessToken = tokenReply.data.accessToken;

const path = '/connect-service/v2.1/ota-jobs?action=get&orgId=yourOrgId&jobId=yourJobId';
// Sorted query parameters as key+value, as the signature requires.
const canonical = 'actiongetjobIdyourJobIdorgIdyourOrgId';
const signedHeaders = () => {
  const now = String(Date.now());
  return {
    'apim-accesstoken': accessToken,
    'apim-timestamp': now,
    'apim-signature': sha256(`${accessToken}${canonical}${now}${appSecret}`),
  };
};

const probe = await fetch(url + path, { headers: signedHeaders() }).then((r) => r.json());
if (probe.code !== 0) throw new Error(`a signed probe failed: ${JSON.stringify(probe)}`);

let notOk = 0;
console.log(
  `Benchmarking ${url}${path}: ${connections} connections, ${duration} s, simulator ${hasTaskset ? 'pinned to CPU 0' : 'unpinned (no taskset)'}`,
);
const result = await autocannon({
  url,
  connections,
  duration,
  requests: [
    {
      method: 'GET',
      path,
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...signedHeaders() } }),
      onResponse: (status, body) => {
        if (status !== 200 || !body.startsWith('{"code":0,')) notOk += 1;
      },
    },
  ],
});
const stats = await fetch(`${url}/__sim/stats`).then((r) => r.json());
stop();

const summary = {
  requestsPerSecond: Math.round(result.requests.average),
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  total: result.requests.total,
  notOk,
  errors: result.errors,
  timeouts: result.timeouts,
  simulatorCounted: stats.calls['ota-jobs.get'],
};
console.log(JSON.stringify(summary, null, 2));
process.exit(notOk > 0 || result.errors > 0 ? 1 : 0);
