import { createOtaApiClient } from './index';

/** A fetch that answers every call with `answer` and keeps the requests it saw. */
function fakeFetch(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    return answer();
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });

const problem = {
  type: 'about:blank',
  title: 'Too many requests',
  status: 429,
  code: 'rate_limited',
  requestId: 'req-9',
};

describe('createOtaApiClient', () => {
  it('lists jobs with the set filters only, in a predictable order, same-origin cookies along', async () => {
    const backend = fakeFetch(() => json({ items: [], pageNo: 2, pageSize: 50, totalSize: 0 }));
    const client = createOtaApiClient({
      baseUrl: 'https://ota.example/',
      fetch: backend.fetch,
      credentials: 'same-origin',
    });
    const result = await client.listOtaJobs('o 1', {
      status: 'started',
      type: '',
      name: 'a b',
      pageNo: 2,
      pageSize: 50,
    });
    expect(result).toMatchObject({ ok: true, value: { pageNo: 2 } });
    expect(backend.requests[0]?.url).toBe(
      'https://ota.example/api/v1/orgs/o%201/ota-jobs?status=started&name=a%20b&pageNo=2&pageSize=50',
    );
    expect(backend.requests[0]?.credentials).toBe('same-origin');
  });

  it('asks several jobs’ summaries in one call, the ids comma-separated in the order given', async () => {
    const backend = fakeFetch(() => json({ orgId: 'o', summaries: [], complete: true, incompleteReason: null }));
    const client = createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch });
    const result = await client.getOtaJobSummaries('o', ['job-b', 'job-a']);
    expect(result).toMatchObject({ ok: true, value: { orgId: 'o', complete: true } });
    expect(backend.requests[0]?.url).toBe('http://s/api/v1/orgs/o/ota-job-summaries?jobIds=job-b%2Cjob-a');
  });

  it('gets a firmware, and sends the caller’s request id', async () => {
    const backend = fakeFetch(() => json({ firmwareId: 'fw' }, { headers: { 'X-Request-Id': 'mine' } }));
    const client = createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch });
    const result = await client.getFirmware('o', 'fw/1', { requestId: 'mine' });
    expect(result).toEqual({
      ok: true,
      value: { firmwareId: 'fw' },
      status: 200,
      requestId: 'mine',
      enosRequestId: null,
      servedAt: null,
    });
    expect(backend.requests[0]?.url).toBe('http://s/api/v1/orgs/o/firmwares/fw%2F1');
    expect(backend.requests[0]?.headers.get('x-request-id')).toBe('mine');
  });

  it('reads when the answer was served from its Date header', async () => {
    const backend = fakeFetch(() => json({ jobId: 'j' }, { headers: { Date: 'Fri, 02 Jan 2026 03:04:35 GMT' } }));
    const client = createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch });
    expect(await client.getOtaJobProgress('o', 'j')).toMatchObject({
      ok: true,
      servedAt: Date.UTC(2026, 0, 2, 3, 4, 35),
    });
  });

  it('returns a problem document with its ids and Retry-After', async () => {
    const backend = fakeFetch(() =>
      json(
        { ...problem, enosRequestId: 'enos-9' },
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } },
      ),
    );
    const result = await createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch }).getOtaJob('o', 'j');
    expect(result).toEqual({
      ok: false,
      status: 429,
      problem: { ...problem, enosRequestId: 'enos-9' },
      problemSent: true,
      requestId: 'req-9',
      enosRequestId: 'enos-9',
      retryAfterSeconds: 7,
    });
  });

  it('reads Retry-After given as a date', async () => {
    const later = new Date(Date.now() + 30_000).toUTCString();
    const backend = fakeFetch(() => json(problem, { status: 503, headers: { 'Retry-After': later } }));
    const result = await createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch }).getOtaJob('o', 'j');
    expect(result.ok ? null : result.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(result.ok ? null : result.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('says when an answer is no problem document, and when a success carries no object', async () => {
    const html = fakeFetch(
      () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'X-Request-Id': 'r' } }),
    );
    const failed = await createOtaApiClient({ baseUrl: 'http://s', fetch: html.fetch }).getOtaJobProgress('o', 'j');
    expect(failed).toMatchObject({
      ok: false,
      status: 502,
      problemSent: false,
      requestId: 'r',
      problem: { code: 'upstream_error' },
    });
    const empty = fakeFetch(() => json(null));
    const odd = await createOtaApiClient({ baseUrl: 'http://s', fetch: empty.fetch }).getOtaJob('o', 'j');
    expect(odd).toMatchObject({ ok: false, status: 200, problemSent: false, problem: { code: 'internal_error' } });
  });

  it('downloads the task CSV with progress, its name and its task count', async () => {
    const chunks = ['\uFEFFtaskId,status\n', 't1,failed\n', 't2,"fail\ned"\n'];
    const backend = fakeFetch(() => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
          controller.close();
        },
      });
      return new Response(body, {
        headers: { 'Content-Disposition': 'attachment; filename="ota-tasks-j-failed.csv"', 'X-Total-Count': '2' },
      });
    });
    const progress: { bytes: number; total: number | null }[] = [];
    const client = createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch });
    const result = await client.downloadTasksCsv(
      'o',
      'j',
      { status: 'failed', deviceKeys: ['a', 'b'] },
      { onProgress: (step) => progress.push(step) },
    );
    expect(backend.requests[0]?.url).toBe('http://s/api/v1/orgs/o/ota-jobs/j/tasks.csv?status=failed&deviceKey=a%2Cb');
    expect(result).toMatchObject({
      ok: true,
      value: { text: chunks.join('').slice(1), fileName: 'ota-tasks-j-failed.csv', total: 2 },
    });
    expect(progress[0]).toEqual({ bytes: 0, total: 2 });
    expect(progress.at(-1)?.bytes).toBe(new TextEncoder().encode(chunks.join('')).byteLength);
  });

  it('returns the problem when the export is refused', async () => {
    const tooLarge = { ...problem, status: 413, code: 'export_too_large', title: 'Too large' };
    const backend = fakeFetch(() => json(tooLarge, { status: 413 }));
    const result = await createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch }).downloadTasksCsv('o', 'j');
    expect(result).toMatchObject({ ok: false, status: 413, problemSent: true, problem: { code: 'export_too_large' } });
  });

  it('passes the abort signal on, so a caller can cancel', async () => {
    const backend = fakeFetch(() => json({}));
    const controller = new AbortController();
    controller.abort();
    await createOtaApiClient({ baseUrl: 'http://s', fetch: backend.fetch }).getOtaJob('o', 'j', {
      signal: controller.signal,
    });
    expect(backend.requests[0]?.signal.aborted).toBe(true);
  });
});
