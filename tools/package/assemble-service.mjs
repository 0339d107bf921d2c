#!/usr/bin/env node
// First step of `npm run package`: the compiled service (entry `main.js` at the root) and the built web
// app (`web/`, where the service looks for it by default) in dist/ota-service. Nx then writes the
// pruned package.json and package-lock.json and copies the workspace libraries the service imports
// (the ota-service:package target).
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR, PACKAGED_WEB_DIR } from './package-layout.mjs';

const root = join(import.meta.dirname, '../..');
const serviceDist = join(root, 'apps/ota-service/dist');
const webDist = join(root, 'apps/ota-web/dist/browser');
const out = join(root, PACKAGE_DIR);

for (const [what, dir] of [
  ['service', join(serviceDist, 'main.js')],
  ['web app', join(webDist, 'index.html')],
]) {
  if (!existsSync(dir)) throw new Error(`the ${what} is not built (${dir} is missing)`);
}
rmSync(out, { recursive: true, force: true });
// Source maps stay behind: nothing in production reads them, and they name workspace paths.
cpSync(serviceDist, out, { recursive: true, filter: (src) => !src.endsWith('.map') });
cpSync(webDist, join(out, PACKAGED_WEB_DIR), { recursive: true });
console.log(`assembled ${PACKAGE_DIR}: the service and the web app`);
