// Preloaded into a process under test (node --require) beside gc-probe.cjs: V8's sampling heap profiler
// between two SIGUSR2 signals (the benchmark sends one before and one after each measured run), keeping
// the objects that scavenges and full collections freed, so short-lived garbage shows where it comes
// from. Each measured run writes `$BENCH_HEAP_PROFILE-<n>.heapprofile` (Chrome DevTools opens it).
'use strict';
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const prefix = process.env.BENCH_HEAP_PROFILE;
if (prefix) {
  const session = new inspector.Session();
  session.connect();
  let sampling = false;
  let runs = 0;
  process.on('SIGUSR2', () => {
    if (!sampling) {
      sampling = true;
      session.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return;
    }
    sampling = false;
    runs += 1;
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(`${prefix}-${runs}.heapprofile`, JSON.stringify(result.profile));
    });
  });
}
