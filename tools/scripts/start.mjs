#!/usr/bin/env node
// `npm start`: the product on its embedded default.
// - No ENOS_* settings: builds and starts the EnOS simulator, then the service pointed at it.
// - ENOS_GATEWAY_URL, ENOS_APP_KEY and ENOS_APP_SECRET(_FILE) set: the service alone against that gateway.
// Ctrl-C (or SIGTERM) stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { serviceArgs } from './service-command.mjs';

const env = { ...process.env };
const enosSettings = ['ENOS_GATEWAY_URL', 'ENOS_APP_KEY', 'ENOS_APP_SECRET', 'ENOS_APP_SECRET_FILE'];
const embedded = !enosSettings.some((name) => (env[name] ?? '').trim() !== '');

const projects = [
  'ota-service',
  ...(embedded ? ['enos-simulator'] : []),
  ...(existsSync('apps/ota-web/project.json') ? ['ota-web'] : []),
];
console.log(`Building ${projects.join(', ')} ...`);
const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--output-style=static'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, NX_TUI: 'false' },
  },
);
if (build.status !== 0) {
  console.error('The build failed; run `npx nx run-many -t build` to see why.');
  process.exit(1);
}

const children = new Set();
let stopping = false;

function start(name, args, childEnv) {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: childEnv });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stop(code || 1);
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
  return child;
}

let exitCode = 0;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(exitCode), 10_000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function waitForPort(port, host, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

if (embedded) {
  const simPort = Number(env.ENOS_SIM_PORT ?? 8090);
  const appKey = env.ENOS_SIM_APP_KEY ?? 'sim-app-key';
  const appSecret = env.ENOS_SIM_APP_SECRET ?? 'sim-app-secret';
  console.log(
    `No ENOS_GATEWAY_URL / ENOS_APP_KEY / ENOS_APP_SECRET given: running against the embedded EnOS simulator ` +
      `on http://127.0.0.1:${simPort} (set all three to use a real EnOS gateway).`,
  );
  start('enos-simulator', ['apps/enos-simulator/dist/main.js'], {
    ...env,
    ENOS_SIM_PORT: String(simPort),
    ENOS_SIM_APP_KEY: appKey,
    ENOS_SIM_APP_SECRET: appSecret,
  });
  try {
    await waitForPort(simPort, '127.0.0.1', 15_000);
  } catch (error) {
    console.error(`The EnOS simulator did not start: ${error.message}`);
    stop(1);
  }
  if (!stopping) {
    start('ota-service', serviceArgs(process.cwd()), {
      ...env,
      ENOS_GATEWAY_URL: `http://127.0.0.1:${simPort}`,
      ENOS_APP_KEY: appKey,
      ENOS_APP_SECRET: appSecret,
    });
  }
} else {
  start('ota-service', serviceArgs(process.cwd()), env);
}
