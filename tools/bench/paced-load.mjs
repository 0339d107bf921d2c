#!/usr/bin/env node
// Open-loop load at a steady rate, for the half-rate latency check. autocannon's `-R` lets each
// connection send its share of a second as fast as it can and then wait, so "half rate" is really full
// speed half of the time, and its p99 is the full-load p99. Here request i is due at start + i/rate
// whether or not earlier ones were answered (at most `connections` in flight, the rest queue), and its
// latency counts from when it was due, so queueing is measured, not hidden (no coordinated omission).
// Timers fire about every millisecond, so requests leave in small groups of rate/1000.
//   node paced-load.mjs '{"url":"http://127.0.0.1:3000/x","rate":5000,"duration":10,"warmup":1,"connections":32}'
// Prints one JSON line: requests, durationS, requestsPerSecond and latencyMs {p50,p99,max} of the measured
// part; ok2xx, non2xx, errors and timeouts over every request, warm-up included (a failure is a failure).
import { Pool } from 'undici';
import * as hdr from 'hdr-histogram-js';

const {
  url,
  rate,
  duration,
  connections,
  headers = {},
  timeoutSec = 10,
  warmup = 1,
} = JSON.parse(process.argv[2] ?? '{}');
const target = new URL(url);
// undici: several times cheaper per request than node:http's client, so the generator keeps up on the
// CPU it shares with the upstream simulator.
const pool = new Pool(target.origin, { connections, pipelining: 1 });
const path = target.pathname + target.search;
const latencyUs = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000_000,
  numberOfSignificantValueDigits: 3,
});
// The first `warmup` seconds run at the same rate but are not counted: connections open, code warms up.
const unmeasured = Math.round(rate * warmup);
const total = unmeasured + Math.max(1, Math.round(rate * duration));
const intervalNs = 1e9 / rate;
const counts = { answered: 0, ok2xx: 0, non2xx: 0, errors: 0, timeouts: 0 };
let sent = 0;
const start = process.hrtime.bigint();
const measuredFrom = start + BigInt(Math.round(warmup * 1e9));

function finish() {
  // Requests still unanswered at the hard deadline count as timed out.
  counts.timeouts += total - (counts.ok2xx + counts.non2xx + counts.errors + counts.timeouts);
  const durationS = Number(process.hrtime.bigint() - measuredFrom) / 1e9;
  const ms = (us) => Math.round(us / 10) / 100;
  console.log(
    JSON.stringify({
      requests: counts.answered,
      durationS,
      requestsPerSecond: counts.answered / durationS,
      latencyMs: {
        p50: ms(latencyUs.getValueAtPercentile(50)),
        p99: ms(latencyUs.getValueAtPercentile(99)),
        max: ms(latencyUs.maxValue),
      },
      ok2xx: counts.ok2xx,
      non2xx: counts.non2xx,
      errors: counts.errors,
      timeouts: counts.timeouts,
    }),
  );
  process.exit(0);
}

function settle() {
  if (sent === total && counts.ok2xx + counts.non2xx + counts.errors + counts.timeouts === total) finish();
}

function fire(dueAt, measured) {
  pool
    .request({ path, method: 'GET', headers, headersTimeout: timeoutSec * 1000, bodyTimeout: timeoutSec * 1000 })
    .then(async ({ statusCode, body }) => {
      await body.dump();
      if (measured) {
        latencyUs.recordValue(Math.max(1, Number(process.hrtime.bigint() - dueAt) / 1000));
        counts.answered += 1;
      }
      counts[statusCode >= 200 && statusCode < 300 ? 'ok2xx' : 'non2xx'] += 1;
    })
    .catch((error) => {
      counts[
        error?.code === 'UND_ERR_HEADERS_TIMEOUT' || error?.code === 'UND_ERR_BODY_TIMEOUT' ? 'timeouts' : 'errors'
      ] += 1;
    })
    .finally(settle);
}

function tick() {
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const due = Math.min(total, Math.floor(elapsedNs / intervalNs) + 1);
  while (sent < due) {
    fire(start + BigInt(Math.round(sent * intervalNs)), sent >= unmeasured);
    sent += 1;
  }
  if (sent < total) setTimeout(tick, 1);
}

tick();
setTimeout(finish, (warmup + duration + timeoutSec + 5) * 1000).unref();
