#!/usr/bin/env node
// Scenario B: the minimal proxy a user could write in ~50 lines with node:http. It gets an EnOS access
// token once, then signs and forwards GET /api/v1/orgs/{orgId}/ota-jobs/{jobId} as Get OTA Job over a
// keep-alive agent, passing EnOS's answer through. No validation, retries, cache or logging: the
// practical limit for the real service.
//   BENCH_UPSTREAM=http://127.0.0.1:8090 BENCH_APP_KEY=.. BENCH_APP_SECRET=.. node baseline-proxy.mjs
import { createHash } from 'node:crypto';
import http from 'node:http';

const upstream = new URL(process.env.BENCH_UPSTREAM);
const appKey = process.env.BENCH_APP_KEY;
const appSecret = process.env.BENCH_APP_SECRET;
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const timestamp = Date.now();
const tokenReply = await fetch(new URL('/apim-token-service/v2.0/token/get', upstream), {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ appKey, encryption: sha256(`${appKey}${timestamp}${appSecret}`), timestamp }),
}).then((r) => r.json());
const accessToken = tokenReply.data.accessToken;

const route = /^\/api\/v1\/orgs\/([^/?]+)\/ota-jobs\/([^/?]+)$/;
const server = http.createServer((req, res) => {
  const match = route.exec(req.url);
  if (req.method !== 'GET' || !match) return res.writeHead(404).end();
  const query = { action: 'get', jobId: decodeURIComponent(match[2]), orgId: decodeURIComponent(match[1]) };
  const canonical = Object.keys(query)
    .sort()
    .map((key) => key + query[key])
    .join('');
  const now = String(Date.now());
  const outgoing = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: `/connect-service/v2.1/ota-jobs?${new URLSearchParams(query)}`,
      agent,
      headers: {
        'apim-accesstoken': accessToken,
        'apim-timestamp': now,
        'apim-signature': sha256(`${accessToken}${canonical}${now}${appSecret}`),
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    },
  );
  outgoing.on('error', () => res.writeHead(502).end());
  outgoing.end();
});
server.listen(0, '127.0.0.1', () =>
  console.log(`baseline proxy listening on http://127.0.0.1:${server.address().port}`),
);
process.on('SIGTERM', () => process.exit(0));
