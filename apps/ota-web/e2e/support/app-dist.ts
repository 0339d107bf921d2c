import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The production build the browser tests load (`nx run ota-web:build`; the e2e target builds first). */
export const APP_DIST = join(__dirname, '../../dist/browser');

export function assertAppBuilt(): void {
  if (!existsSync(join(APP_DIST, 'index.html'))) {
    throw new Error(`No build at ${APP_DIST}: run \`npx nx run ota-web:build\` first (the e2e target does).`);
  }
}
