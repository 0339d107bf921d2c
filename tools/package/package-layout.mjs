// Where `npm run package` writes the service package, where the web app sits inside it, and how the
// package's dependencies are installed (the container image and the rehearsal test do the same). The
// service's default web root (apps/ota-service/src/main.ts) names the same folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const layout = JSON.parse(readFileSync(join(import.meta.dirname, 'package-layout.json'), 'utf8'));
export const PACKAGE_DIR = layout.packageDir;
export const PACKAGED_WEB_DIR = layout.webDir;
