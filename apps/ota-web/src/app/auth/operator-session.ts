import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { ProblemDetails, SignedInOperator } from '@enos-ota/ota-contract';

/**
 * Where the reader stands with sign-in: `off` when the service signs no one in (API keys or local
 * open mode), `unknown` until the service said. The session itself is an HttpOnly cookie the app
 * never sees; nothing about it is kept in the browser's storage.
 */
export type SessionState =
  | { readonly status: 'unknown' }
  | { readonly status: 'off' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'expired' }
  | { readonly status: 'signed-in'; readonly operator: SignedInOperator };

/** How often a signed-in page checks that its session still stands. */
const CHECK_EVERY_MS = 60_000;

/** `/auth/login?returnTo=…`: a full navigation to the service, which sends the browser on to the provider. */
export function signInUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo.startsWith('/') ? returnTo : '/')}`;
}

export function mayRead(state: SessionState, orgId: string): boolean {
  if (state.status !== 'signed-in') return true;
  return state.operator.allOrgs || state.operator.orgIds.includes(orgId);
}

async function readState(): Promise<SessionState> {
  let response: Response;
  try {
    response = await fetch('/auth/me', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    // The service is unreachable: the pages say so themselves.
    return { status: 'off' };
  }
  if (response.ok) return { status: 'signed-in', operator: (await response.json()) as SignedInOperator };
  // Every answer's body is read, even when only its status matters: an unread body keeps the request
  // open in the browser (and the page from ever being network-idle).
  const problem = (await response.json().catch(() => null)) as ProblemDetails | null;
  if (response.status !== 401) return { status: 'off' };
  return { status: problem?.code === 'session_expired' ? 'expired' : 'signed-out' };
}

@Injectable({ providedIn: 'root' })
export class OperatorSession {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly state = signal<SessionState>({ status: 'unknown' });
  private loading: Promise<SessionState> | null = null;
  private watching = false;

  readonly current = this.state.asReadonly();

  /** The state, asking the service the first time. */
  ensure(): Promise<SessionState> {
    const state = this.state();
    return state.status === 'unknown' ? this.refresh() : Promise.resolve(state);
  }

  /** Asks the service again (one request however many callers). */
  refresh(): Promise<SessionState> {
    this.loading ??= readState().then((state) => {
      this.loading = null;
      this.state.set(state);
      return state;
    });
    return this.loading;
  }

  /**
   * Checks the session now and then, and when the page comes back into view: when it ended, the
   * reader goes to "session expired", which signs them in again right back where they were.
   */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    const check = async () => {
      if (this.state().status !== 'signed-in') return;
      const next = await this.refresh();
      if (next.status === 'expired' || next.status === 'signed-out') {
        void this.router.navigate(['/session-expired'], { queryParams: { returnTo: this.router.url } });
      }
    };
    setInterval(() => void check(), CHECK_EVERY_MS);
    this.document.addEventListener('visibilitychange', () => {
      if (this.document.visibilityState === 'visible') void check();
    });
  }
}
