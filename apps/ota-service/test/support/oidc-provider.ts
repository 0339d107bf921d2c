import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const PROVIDER_SCRIPT = join(__dirname, '../../../../tools/oidc-test-provider/provider.mjs');

export interface TestUser {
  readonly login: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface TestClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly post_logout_redirect_uris?: readonly string[];
  readonly grant_types?: readonly string[];
}

export interface ProviderOptions {
  readonly users: readonly TestUser[];
  readonly clients: readonly TestClient[];
  /** Lifetime of access and ID tokens; the service renews its sessions past it. */
  readonly accessTokenTtlSeconds?: number;
}

export interface RunningProvider {
  readonly issuer: string;
  stop(): Promise<void>;
}

/** A port free right now on loopback, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the test OpenID Connect provider (tools/oidc-test-provider) on a free loopback port. */
export async function startOidcProvider(options: ProviderOptions): Promise<RunningProvider> {
  const child = spawn(process.execPath, [PROVIDER_SCRIPT], {
    env: { ...process.env, OIDC_TEST_PROVIDER_CONFIG: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout! });
  try {
    const issuer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the test provider did not start in 30 s: ${stderr}`)), 30_000);
      child.once('exit', (code) => reject(new Error(`the test provider exited (${code}): ${stderr}`)));
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      });
    });
    return { issuer, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    lines.close();
  }
}
