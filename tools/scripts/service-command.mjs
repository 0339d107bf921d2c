// How the service runs in production, in one place for `npm start`, the benchmarks and the soak test.
// The V8 limits keep memory under load near 120 MiB instead of ~190 MiB: without them V8 grows the heap
// far beyond the ~40 MiB the service actually keeps alive. 192 MiB of old space leaves room for a full
// job cache (10,000 entries) and progress cache.
// The flags live in service-node-flags.json so that the container image and its tests read the same list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_NODE_FLAGS = JSON.parse(
  readFileSync(join(import.meta.dirname, 'service-node-flags.json'), 'utf8'),
);

/** `node` arguments that start the built service from the workspace root `root`. */
export function serviceArgs(root) {
  return [...SERVICE_NODE_FLAGS, join(root, 'apps/ota-service/dist/main.js')];
}
