// Preloaded into a process under test (node --require): counts what it allocates and how often V8
// collects. Each SIGUSR2 appends one JSON line to $BENCH_GC_FILE with the running totals: bytes
// allocated on the V8 heap since start (heap growth plus what every collection freed), scavenges and
// full collections. The benchmark signals before and after a measured run and takes the difference.
// When the process runs with --expose-gc, each signal first forces a full collection and adds
// `liveBytes`, the heap that is still reachable: what a leak grows (the soak test; never a timed run).
'use strict';
const { appendFileSync } = require('node:fs');
const v8 = require('node:v8');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const file = process.env.BENCH_GC_FILE;
const forceGc = typeof globalThis.gc === 'function' ? globalThis.gc : null;

if (file) {
  const startUsed = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  const counts = { scavenges: 0, fullGcs: 0 };
  // GCProfiler reports the heap before and after every collection, so the bytes each one freed add up.
  const profiler = new v8.GCProfiler();
  profiler.start();
  const drain = () => {
    const { statistics } = profiler.stop();
    profiler.start();
    for (const gc of statistics) {
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    }
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.scavenges += 1;
      else counts.fullGcs += 1;
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('SIGUSR2', () => {
    drain();
    const used = v8.getHeapStatistics().used_heap_size;
    const line = { at: Date.now(), allocatedBytes: used - startUsed + freed, ...counts };
    if (forceGc) {
      forceGc();
      line.liveBytes = v8.getHeapStatistics().used_heap_size;
    }
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
