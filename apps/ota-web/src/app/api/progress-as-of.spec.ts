import type { OtaApiSuccess } from '@enos-ota/ota-api-client';
import type { JobProgress } from '@enos-ota/ota-contract';
import { progress } from '../../testing/jobs';
import { progressAsOf } from './progress-as-of';

const read = Date.UTC(2026, 0, 2, 3, 4, 5, 600);
const answer = (servedAt: number | null): OtaApiSuccess<JobProgress> => ({
  ok: true,
  value: progress({ asOf: read }),
  status: 200,
  requestId: null,
  enosRequestId: null,
  servedAt,
});

describe('progressAsOf', () => {
  it("dates progress by the answer's Date when a revalidation (304) confirmed figures read earlier", () => {
    expect(progressAsOf(answer(Date.UTC(2026, 0, 2, 3, 4, 35))).asOf).toBe(Date.UTC(2026, 0, 2, 3, 4, 35));
  });

  it('keeps asOf for a fresh body (newer than its whole-second Date) and for an answer without Date', () => {
    expect(progressAsOf(answer(Date.UTC(2026, 0, 2, 3, 4, 5))).asOf).toBe(read);
    expect(progressAsOf(answer(null)).asOf).toBe(read);
  });
});
