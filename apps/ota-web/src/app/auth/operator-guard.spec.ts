import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
  UrlTree,
  convertToParamMap,
  provideRouter,
} from '@angular/router';
import { operatorGuard } from './operator-guard';
import { signInUrl } from './operator-session';

/** The part of a fetch Response the session reads (jsdom has no Response). */
function answer(status: number, body: unknown): Pick<Response, 'ok' | 'status' | 'json'> {
  return { ok: status >= 200 && status < 300, status, json: () => Promise.resolve(body) };
}

const ALICE = { name: 'Alice', email: null, allOrgs: false, orgIds: ['o1'], expiresAt: '2026-12-01T12:00:00Z' };

async function guard(url: string, orgId: string | null): Promise<string | true> {
  const route = { paramMap: convertToParamMap(orgId ? { orgId } : {}) } as ActivatedRouteSnapshot;
  const result = await TestBed.runInInjectionContext(() => operatorGuard(route, { url } as RouterStateSnapshot));
  return result instanceof UrlTree ? result.toString() : (result as true);
}

describe('operatorGuard', () => {
  let fetchMock: jest.Mock;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fetchMock = jest.fn();
    globalThis.fetch = fetchMock;
  });

  it('sends a signed-out reader to sign in, keeping the deep link', async () => {
    fetchMock.mockResolvedValue(answer(401, { code: 'unauthenticated' }));
    await expect(guard('/orgs/o1/jobs/j1?tab=tasks', 'o1')).resolves.toBe(
      '/sign-in?returnTo=%2Forgs%2Fo1%2Fjobs%2Fj1%3Ftab%3Dtasks',
    );
    expect(fetchMock).toHaveBeenCalledWith('/auth/me', expect.objectContaining({ cache: 'no-store' }));
  });

  it('sends a reader whose session ended to "session expired", keeping where they were', async () => {
    fetchMock.mockResolvedValue(answer(401, { code: 'session_expired' }));
    await expect(guard('/orgs/o1/jobs', 'o1')).resolves.toBe('/session-expired?returnTo=%2Forgs%2Fo1%2Fjobs');
  });

  it('lets an operator into their orgs and sends them to "not allowed" for another', async () => {
    fetchMock.mockResolvedValue(answer(200, ALICE));
    await expect(guard('/orgs/o1/jobs', 'o1')).resolves.toBe(true);
    await expect(guard('/orgs/o2/jobs', 'o2')).resolves.toBe('/not-allowed?orgId=o2');
    // One question to the service for both navigations.
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('changes nothing where the service signs no one in (404) or cannot be reached', async () => {
    fetchMock.mockResolvedValueOnce(answer(404, { code: 'not_found' }));
    await expect(guard('/orgs/o2/jobs', 'o2')).resolves.toBe(true);
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fetchMock.mockRejectedValueOnce(new TypeError('offline'));
    await expect(guard('/orgs/o2/jobs', 'o2')).resolves.toBe(true);
  });
});

describe('signInUrl', () => {
  it('keeps a path of ours and nothing else', () => {
    expect(signInUrl('/orgs/o1/jobs?x=1')).toBe('/auth/login?returnTo=%2Forgs%2Fo1%2Fjobs%3Fx%3D1');
    expect(signInUrl('https://evil.example/')).toBe('/auth/login?returnTo=%2F');
  });
});
