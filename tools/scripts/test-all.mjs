#!/usr/bin/env node
// `npm test`: every check the workspace has, in the order that fails fastest, then one closing line
// counting the tests Jest ran (each project's Jest run writes its results to test-output/jest/).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join(process.cwd(), 'test-output/jest');
rmSync(resultsDir, { recursive: true, force: true });

const steps = [
  ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['contract drift', 'npx', ['nx', 'run', 'ota-contract:check-generated', '--output-style=static']],
  ['contract lint', 'npx', ['nx', 'run', 'ota-contract:lint-spec', '--output-style=static']],
  ['lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--output-style=static']],
  ['typecheck', 'npx', ['nx', 'run-many', '-t', 'typecheck', '--output-style=static']],
  ['tests', 'npx', ['nx', 'run-many', '-t', 'test', '--output-style=static']],
  ['bench-smoke', 'node', ['tools/bench/run.mjs', '--quick']],
  ['browser tests', 'npx', ['nx', 'run-many', '-t', 'e2e', '--output-style=static', '--parallel=1']],
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !steps.some(([step]) => step === name));
if (unknown.length > 0) {
  console.error(
    `Unknown step ${unknown.map((name) => `"${name}"`).join(', ')}; the steps are: ${steps.map(([step]) => step).join(', ')}.`,
  );
  process.exit(2);
}
let failedStep = null;
for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NX_TUI: 'false' } });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
const reports = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
for (const name of reports) {
  const report = JSON.parse(readFileSync(join(resultsDir, name), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (failedStep) console.error(`\nnpm test stopped: the "${failedStep}" step failed.`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
