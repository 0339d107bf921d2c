import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { recordThrottlerHeader } from './rate-limit-headers';

const response = () => new ServerResponse(new IncomingMessage(new Socket()));

describe('recordThrottlerHeader', () => {
  it('turns the throttler headers of every budget passed into the IETF RateLimit fields', () => {
    const res = response();
    recordThrottlerHeader(res, 'X-RateLimit-Limit-per-address', 20, 1);
    recordThrottlerHeader(res, 'X-RateLimit-Remaining-per-address', 19, 1);
    recordThrottlerHeader(res, 'X-RateLimit-Reset-per-address', 1, 1);
    expect(res.getHeader('ratelimit-policy')).toBe('"per-address";q=20;w=1');
    expect(res.getHeader('ratelimit')).toBe('"per-address";r=19;t=1');
    recordThrottlerHeader(res, 'X-RateLimit-Limit-per-key', 5, 1);
    recordThrottlerHeader(res, 'X-RateLimit-Remaining-per-key', 0, 1);
    recordThrottlerHeader(res, 'X-RateLimit-Reset-per-key', 0.4, 1);
    expect(res.getHeader('ratelimit-policy')).toBe('"per-address";q=20;w=1, "per-key";q=5;w=1');
    expect(res.getHeader('ratelimit')).toBe('"per-address";r=19;t=1, "per-key";r=0;t=1');
    expect(res.getHeaderNames().filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
  });

  it('reports a blocked budget as nothing left until the block ends', () => {
    const res = response();
    recordThrottlerHeader(res, 'Retry-After-per-address', 3, 1);
    expect(res.getHeader('ratelimit')).toBe('"per-address";r=0;t=3');
  });
});
