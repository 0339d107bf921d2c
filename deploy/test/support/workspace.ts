import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '../../..');

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Settings shared with `npm run package` and the Dockerfile (tools/package/package-layout.json). */
export const PACKAGE_LAYOUT = JSON.parse(readText('tools/package/package-layout.json')) as {
  readonly packageDir: string;
  readonly webDir: string;
  readonly installArgs: readonly string[];
};

/** The V8 flags the service runs with in production (tools/scripts/service-node-flags.json). */
export const SERVICE_NODE_FLAGS = JSON.parse(readText('tools/scripts/service-node-flags.json')) as readonly string[];

/**
 * The health routes the service declares (`@Get('...')` in its health controller), as paths. Read from
 * the source so that the probes configured for Kubernetes cannot drift from what the service answers.
 */
export function serviceHealthRoutes(): string[] {
  const source = readText('apps/ota-service/src/health/health.controller.ts');
  const base = /@Controller\('([^']+)'\)/.exec(source)?.[1];
  if (!base) throw new Error('the health controller declares no route prefix');
  return [...source.matchAll(/@Get\('([^']+)'\)/g)].map((match) => `/${base}/${match[1]}`);
}
