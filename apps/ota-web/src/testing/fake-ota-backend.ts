import { PendingTasks, type Provider } from '@angular/core';
import { createOtaApiClient } from '@enos-ota/ota-api-client';
import { OTA_API_CLIENT } from '../app/api/ota-client';

/** Where the specs' pages live (jsdom's location). */
const ORIGIN = 'http://localhost';

export interface FlushOptions {
  readonly status?: number;
  readonly headers?: Record<string, string>;
}

/** A request the app made through the fake `fetch`, waiting for the spec to answer it. */
export class FakeRequest {
  /** Path and query, as the app asked for them (`/api/v1/…?…`). */
  readonly url: string;
  private settled = false;

  constructor(
    readonly request: Request,
    private readonly resolve: (response: Response) => void,
    private readonly reject: (error: unknown) => void,
    private readonly hold: () => void,
  ) {
    const url = new URL(request.url);
    this.url = `${url.pathname}${url.search}`;
  }

  /** Whether the app gave up on the request (navigation, a newer request, destruction). */
  get cancelled(): boolean {
    return this.request.signal.aborted;
  }

  /** Answers with `body`: JSON unless it is a string (then sent as is) or a `ReadableStream`. */
  flush(body: unknown, { status = 200, headers = {} }: FlushOptions = {}): void {
    const raw = typeof body === 'string' || body instanceof ReadableStream;
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    this.settle(() =>
      this.resolve(
        new Response(raw ? (body as BodyInit) : JSON.stringify(body), {
          status,
          headers: raw ? headers : { 'Content-Type': type, ...headers },
        }),
      ),
    );
  }

  /** Fails as fetch does when the service cannot be reached. */
  error(): void {
    this.settle(() => this.reject(new TypeError('Failed to fetch')));
  }

  private settle(answer: () => void): void {
    if (this.settled) throw new Error(`${this.url} was already answered.`);
    this.settled = true;
    this.hold();
    answer();
  }
}

type Match = string | ((request: FakeRequest) => boolean);

/**
 * A request in flight does not hold `whenStable` in the specs (a resource counts it as a pending
 * task, and a spec answers it only when it chooses): the backend holds the app unstable from an
 * answer until the page has taken it in instead.
 */
class UnansweredRequestsDoNotCount extends PendingTasks {
  override add(): () => void {
    return () => undefined;
  }
}

/**
 * The service as the specs play it: the app's typed client runs for real over a fake `fetch` whose
 * requests wait until the spec answers them. `expectOne` waits a few turns of the microtask queue for
 * the request (the client reaches `fetch` asynchronously), so it works under fake timers too.
 */
export class FakeOtaBackend {
  private readonly open: FakeRequest[] = [];
  /** The app's own pending tasks, which `whenStable` waits for. */
  private tasks: PendingTasks | null = null;

  readonly fetch: typeof globalThis.fetch = (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const fake = new FakeRequest(request, resolve, reject, () => this.holdUntilTakenIn());
      this.open.push(fake);
      request.signal.addEventListener('abort', () => {
        this.remove(fake);
        reject(request.signal.reason);
      });
    });

  /** Provides the app's client over this backend. */
  provide(): Provider[] {
    return [
      { provide: OTA_API_CLIENT, useValue: createOtaApiClient({ baseUrl: ORIGIN, fetch: this.fetch }) },
      {
        provide: PendingTasks,
        useFactory: () => {
          this.tasks = new PendingTasks();
          return new UnansweredRequestsDoNotCount();
        },
      },
    ];
  }

  /** The one open request matching `match` (a URL, compared with its query), taken off the open list. */
  async expectOne(match: Match): Promise<FakeRequest> {
    await settle();
    const found = this.match(match);
    if (found.length !== 1) {
      throw new Error(`Expected one request for ${describe(match)}, found ${found.length}; open: ${this.urls()}`);
    }
    return found[0] as FakeRequest;
  }

  /** Fails if a request matching `match` is open. */
  async expectNone(match: Match): Promise<void> {
    await settle();
    const found = this.open.filter(matcher(match));
    if (found.length > 0) throw new Error(`Expected no request for ${describe(match)}, found ${this.urls()}`);
  }

  /** Every open request matching `match`, taken off the open list. */
  match(match: Match): FakeRequest[] {
    const found = this.open.filter(matcher(match));
    for (const request of found) this.remove(request);
    return found;
  }

  /** Fails if any request is still open. */
  verify(): void {
    if (this.open.length > 0) throw new Error(`Unanswered requests: ${this.urls()}`);
  }

  /** An answer passes through the client and the resource in promise callbacks: two timer turns cover them. */
  private holdUntilTakenIn(): void {
    const release = this.tasks?.add();
    if (release) setTimeout(() => setTimeout(release));
  }

  private remove(request: FakeRequest): void {
    const index = this.open.indexOf(request);
    if (index >= 0) this.open.splice(index, 1);
  }

  private urls(): string {
    return this.open.map((request) => request.url).join(', ') || 'none';
  }
}

function matcher(match: Match): (request: FakeRequest) => boolean {
  return typeof match === 'string' ? (request) => request.url === match : match;
}

function describe(match: Match): string {
  return typeof match === 'string' ? match : 'a predicate';
}

/** Lets pending promise callbacks run (not timers: specs may fake those). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
}
