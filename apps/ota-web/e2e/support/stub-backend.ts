/**
 * Stand-in for the ota-service until it exists: serves the built app (with the SPA fallback the
 * service will have) and answers `GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}` like the contract says,
 * from the vendor's sample.
 */
import {
  JOB_ID_CONSTRAINTS,
  ORG_ID_CONSTRAINTS,
  type ProblemDetails,
  checkStringConstraints,
  problemTypeUri,
} from '@enos-ota/ota-contract';
import { VENDOR_GET_OTA_JOB_SAMPLE } from '@enos-ota/ota-contract/testing';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { APP_DIST, assertAppBuilt } from './app-dist';
import type { Backend } from './backend';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const JOB_ROUTE = /^\/api\/v1\/orgs\/([^/]+)\/ota-jobs\/([^/]+)$/;

export async function startStubBackend(): Promise<Backend> {
  assertAppBuilt();
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    description: `stub backend on port ${port} serving ${APP_DIST}`,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const job = JOB_ROUTE.exec(url.pathname);
  if (job) return answerJob(decodeURIComponent(job[1]!), decodeURIComponent(job[2]!), response);
  if (url.pathname.startsWith('/api/')) return problem(response, 404, 'not_found', 'No such route.', null);

  const file = normalize(join(APP_DIST, url.pathname));
  const isAsset = file.startsWith(APP_DIST) && extname(file) !== '' && existsSync(file);
  const body = await readFile(isAsset ? file : join(APP_DIST, 'index.html'));
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[isAsset ? extname(file) : '.html'] ?? 'application/octet-stream',
  });
  response.end(body);
}

function answerJob(orgId: string, jobId: string, response: ServerResponse): void {
  const orgError = checkStringConstraints(orgId, ORG_ID_CONSTRAINTS);
  const jobError = checkStringConstraints(jobId, JOB_ID_CONSTRAINTS);
  if (orgError || jobError) {
    return problem(response, 400, 'invalid_request', orgError ? `orgId ${orgError}` : `jobId ${jobError}`, null);
  }
  const sample = VENDOR_GET_OTA_JOB_SAMPLE;
  if (sample.data && orgId === sample.data.orgId && jobId === sample.data.jobId) {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'X-Request-Id': randomUUID(),
      'X-Enos-Request-Id': sample.requestId ?? '',
    });
    response.end(JSON.stringify(sample.data));
    return;
  }
  problem(response, 404, 'job_not_found', `EnOS has no OTA job ${jobId} in org ${orgId}.`, 24404);
}

function problem(
  response: ServerResponse,
  status: number,
  code: ProblemDetails['code'],
  detail: string,
  enosCode: number | null,
): void {
  const requestId = randomUUID();
  const body: ProblemDetails = {
    type: problemTypeUri(code),
    title: code,
    status,
    detail,
    code,
    enosCode,
    enosRequestId: enosCode === null ? null : randomUUID(),
    requestId,
  };
  response.writeHead(status, { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId });
  response.end(JSON.stringify(body));
}
