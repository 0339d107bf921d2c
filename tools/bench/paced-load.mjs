#!/usr/bin/env node
// Load over one or many paths (round-robin), in one of two modes:
// - open loop at a steady `rate`: for latency at a given rate. autocannon's `-R` lets each connection
//   send its share of a second as fast as it can and then wait, so "half rate" is really full speed half
//   of the time, and its p99 is the full-load p99. Here request i is due at start + i/rate whether or
//   not earlier ones were answered (at most `connections` in flight, the rest queue), and its latency
//   counts from when it was due, so queueing is measured, not hidden (no coordinated omission). Timers
//   fire about every millisecond, so requests leave in small groups of rate/1000.
// - closed loop without `rate`: `connections` requests in flight, each answer sending the next, for the
//   maximum rate over many distinct paths (autocannon's CLI repeats one path). `pathsFile` names a JSON
//   array of paths, sent round-robin.
//   node paced-load.mjs '{"url":"http://127.0.0.1:3000/x","rate":5000,"duration":10,"warmup":1,"connections":32}'
//   node paced-load.mjs '{"url":"http://127.0.0.1:3000","pathsFile":"/tmp/paths.json","duration":10,"connections":32}'
// Prints one JSON line: requests, durationS, requestsPerSecond and latencyMs {p50,p99,max} of the measured
// part; ok2xx, non2xx, errors and timeouts over every request, warm-up included (a failure is a failure).
import { readFileSync } from 'node:fs';
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
  pathsFile,
} = JSON.parse(process.argv[2] ?? '{}');
const target = new URL(url);
// undici: several times cheaper per request than node:http's client, so the generator keeps up on the
// CPU it shares with the upstream simulator.
const pool = new Pool(target.origin, { connections, pipelining: 1 });
const targets = pathsFile ? JSON.parse(readFileSync(pathsFile, 'utf8')) : [target.pathname + target.search];
const latencyUs = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 120_000_000,
  numberOfSignificantValueDigits: 3,
});
// The first `warmup` seconds run at the same rate but are not counted: connections open, code warms up.
const closedLoop = rate === undefined;
const unmeasured = closedLoop ? 0 : Math.round(rate * warmup);
// In a closed loop the total is only known once the time is up.
let total = closedLoop ? Infinity : unmeasured + Math.max(1, Math.round(rate * duration));
const intervalNs = closedLoop ? 0 : 1e9 / rate;
const counts = { answered: 0, ok2xx: 0, non2xx: 0, errors: 0, timeouts: 0 };
let sent = 0;
const start = process.hrtime.bigint();
const measuredFrom = start + BigInt(Math.round(warmup * 1e9));
const measuredUntil = measuredFrom + BigInt(Math.round(duration * 1e9));
let measuredEnd = null;
const settled = () => counts.ok2xx + counts.non2xx + counts.errors + counts.timeouts;

function finish() {
  // Requests still unanswered at the hard deadline count as timed out.
  if (Number.isFinite(total)) counts.timeouts += total - settled();
  const durationS = Number((measuredEnd ?? process.hrtime.bigint()) - measuredFrom) / 1e9;
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
  if (sent === total && settled() === total) finish();
}

/** Sends request number `sent` (due at `dueAt`); in a closed loop its answer sends the next. */
function fire(dueAt, measured) {
  const path = targets[sent % targets.length];
  sent += 1;
  pool
    .request({ path, method: 'GET', headers, headersTimeout: timeoutSec * 1000, bodyTimeout: timeoutSec * 1000 })
    .then(async ({ statusCode, body }) => {
      await body.dump();
      const now = process.hrtime.bigint();
      if (measured && (!closedLoop || now <= measuredUntil)) {
        latencyUs.recordValue(Math.max(1, Number(now - dueAt) / 1000));
        counts.answered += 1;
      }
      counts[statusCode >= 200 && statusCode < 300 ? 'ok2xx' : 'non2xx'] += 1;
    })
    .catch((error) => {
      counts[
        error?.code === 'UND_ERR_HEADERS_TIMEOUT' || error?.code === 'UND_ERR_BODY_TIMEOUT' ? 'timeouts' : 'errors'
      ] += 1;
    })
    .finally(() => {
      if (closedLoop) next();
      settle();
    });
}

function next() {
  const now = process.hrtime.bigint();
  if (now >= measuredUntil) {
    measuredEnd ??= measuredUntil;
    total = sent; // no more requests: finish once those in flight are answered
    return;
  }
  fire(now, now >= measuredFrom);
}

function tick() {
  const elapsedNs = Number(process.hrtime.bigint() - start);
  const due = Math.min(total, Math.floor(elapsedNs / intervalNs) + 1);
  while (sent < due) fire(start + BigInt(Math.round(sent * intervalNs)), sent >= unmeasured);
  if (sent < total) setTimeout(tick, 1);
}

if (closedLoop) for (let i = 0; i < connections; i += 1) next();
else tick();
setTimeout(finish, (warmup + duration + timeoutSec + 5) * 1000).unref();
