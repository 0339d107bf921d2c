import { TestBed } from '@angular/core/testing';
import { vendorSampleJob } from '../../testing/jobs';
import { OTA_API_CLIENT } from './ota-client';

describe('OTA_API_CLIENT', () => {
  it('calls the page’s own origin with the browser’s fetch, the session cookie along', async () => {
    const requests: Request[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      requests.push(input as Request);
      return new Response(JSON.stringify(vendorSampleJob()), {
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' },
      });
    });
    const client = TestBed.inject(OTA_API_CLIENT);
    const result = await client.getOtaJob('yourOrgId', 'your/JobId');
    expect(result).toMatchObject({ ok: true, value: vendorSampleJob(), requestId: 'req-1' });
    expect(requests.map((request) => [request.url, request.credentials, request.cache])).toEqual([
      ['http://localhost/api/v1/orgs/yourOrgId/ota-jobs/your%2FJobId', 'same-origin', 'default'],
    ]);
  });
});
