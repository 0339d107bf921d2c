import { startStack, type Stack } from './support/stack';

describe('GET /metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { OTA_CACHE_TTL_MS: '1000' } });
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId');
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/yourJobId');
    await stack.get('/api/v1/orgs/yourOrgId/ota-jobs/nosuchjob');
  });
  afterAll(() => stack.close());

  it('exposes request, upstream, cache, token and breaker series in Prometheus format', async () => {
    const response = await stack.get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /ota_http_requests_total\{route="\/api\/v1\/orgs\/:orgId\/ota-jobs\/:jobId",method="GET",status="200"\} 2/,
    );
    expect(text).toMatch(
      /ota_http_requests_total\{route="\/api\/v1\/orgs\/:orgId\/ota-jobs\/:jobId",method="GET",status="404"\} 1/,
    );
    expect(text).toMatch(/ota_http_request_duration_seconds_bucket\{le="0.1",route=/);
    expect(text).toMatch(/ota_enos_calls_total\{operation="ota-jobs.get",outcome="ok"\} 1/);
    expect(text).toMatch(/ota_enos_calls_total\{operation="ota-jobs.get",outcome="24404"\} 1/);
    expect(text).toMatch(/ota_cache_lookups_total\{result="hit"\} 1/);
    expect(text).toMatch(/ota_enos_token_requests_total\{operation="token.get"\} 1/);
    expect(text).toMatch(/ota_enos_circuit_state\{state="closed"\} 1/);
    expect(text).toMatch(/ota_enos_retries_total 0/);
    expect(text).toMatch(/process_resident_memory_bytes/);
  });
});
