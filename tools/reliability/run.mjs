#!/usr/bin/env node
// `npm run test:reliability`: the slow half of the reliability suite (the fast half is in `npm test`):
// 10,000 fuzz cases per property, the fault matrix and graceful shutdown, a rolling update of three
// replicas behind HAProxy, then the 5-minute soak.
import { spawnSync } from 'node:child_process';

const steps = [
  [
    'fuzz, faults and shutdown',
    'npx',
    [
      'jest',
      '-c',
      'apps/ota-service/jest.config.js',
      'test/fuzz',
      'test/get-ota-job',
      'test/resilience',
      'test/graceful-shutdown',
    ],
    { FUZZ_RUNS: '10000' },
  ],
  ['rolling update behind HAProxy', process.execPath, ['tools/reliability/rolling-update.mjs'], {}],
  ['soak', process.execPath, ['tools/reliability/soak.mjs'], {}],
];
let failed = 0;
for (const [name, command, args, env] of steps) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failed += 1;
}
console.log(`\nreliability: ${steps.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
