import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { validateJobId, validateJobIdList, validateOrgId } from '@enos-ota/ota-contract/validation';
import { startStack, type Stack } from './support/stack';

/** Cases per property: 1,000 in `npm test`, 10,000 in `npm run test:reliability` (FUZZ_RUNS). */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);

/** A raw GET: fetch would normalise or refuse some of the paths and headers worth trying. */
function rawGet(
  stack: Stack,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const segment = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
  fc.constantFrom(
    "'",
    '"',
    '%',
    '%00',
    '%2F',
    '..',
    '.',
    '&action=delete',
    "' or '1'='1",
    '\\',
    '%E2%80%AE',
    'a'.repeat(65),
  ),
);
/** A path segment as a client might send it: properly encoded, or raw (stray `%`, quotes, dots). */
const pathSegment = fc.oneof(
  segment.map((value) => encodeURIComponent(value)),
  segment.map((value) => value.replace(/[^\x21-\x7e]|[/?#]/g, '')),
);

function decodedOrNull(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

describe(`fuzzing the REST API (${RUNS} cases per property)`, () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_CACHE_TTL_MS: '1000' } });
  });
  afterAll(() => stack.close());

  it('never answers 5xx, and never calls EnOS for ids the contract rejects', async () => {
    await fc.assert(
      fc.asyncProperty(pathSegment, pathSegment, async (orgId, jobId) => {
        const before = stack.calls('ota-jobs.get');
        const { status, body } = await rawGet(stack, `/api/v1/orgs/${orgId}/ota-jobs/${jobId}`);
        expect(status).toBeLessThan(500);
        expect(body).not.toContain(stack.sim.appSecret);
        const [org, job] = [decodedOrNull(orgId), decodedOrNull(jobId)];
        const valid = org !== null && job !== null && validateOrgId(org).valid && validateJobId(job).valid;
        if (!valid) expect(stack.calls('ota-jobs.get')).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to odd query strings on the list and compatible routes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webQueryParameters(),
        fc.constantFrom('/api/v1/orgs/yourOrgId/ota-jobs', '/connect-service/v2.1/ota-jobs'),
        async (query, route) => {
          const { status } = await rawGet(stack, `${route}?${query}`);
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never answers 5xx to odd job id lists, and never calls EnOS for a list the contract rejects', async () => {
    const idList = fc.oneof(
      fc.array(segment, { minLength: 0, maxLength: 25 }).map((ids) => ids.join(',')),
      fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/), { minLength: 1, maxLength: 25 }).map((ids) => ids.join(',')),
    );
    await fc.assert(
      fc.asyncProperty(idList, async (jobIds) => {
        const before = stack.calls('ota-jobs.searchTask') + stack.calls('ota-jobs.get');
        const { status } = await rawGet(
          stack,
          `/api/v1/orgs/yourOrgId/ota-job-summaries?jobIds=${encodeURIComponent(jobIds)}`,
        );
        expect(status).toBeLessThan(500);
        if (!validateJobIdList(jobIds).valid) {
          expect(status).toBe(400);
          expect(stack.calls('ota-jobs.searchTask') + stack.calls('ota-jobs.get')).toBe(before);
        }
      }),
      // Each valid list may cost up to 60 calls to the simulator: fewer cases than the cheap properties.
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('never answers 5xx to odd request ids, keys and accept headers', async () => {
    const headerValue = fc.string({ maxLength: 300 }).map((value) => value.replace(/[^\t\x20-\x7e]/g, ''));
    await fc.assert(
      fc.asyncProperty(headerValue, headerValue, headerValue, async (requestId, apiKey, accept) => {
        const { status } = await rawGet(stack, '/api/v1/orgs/yourOrgId/ota-jobs/yourJobId', {
          'X-Request-Id': requestId,
          'X-Api-Key': apiKey,
          Accept: accept,
        });
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});
