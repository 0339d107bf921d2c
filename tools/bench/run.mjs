#!/usr/bin/env node
// `npm run bench`: filled in by the benchmark work.
console.error('No benchmarks yet.');
process.exit(1);
