import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { type Backend, startBackend } from './backend';
import { launchBrowser, openPage } from './browser';

export interface E2eSession {
  readonly backend: Backend;
  readonly browser: Browser;
  /** A new page in a fresh browser context, on the backend's origin. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * One backend and one browser for the spec file that calls this (in its top-level scope). Pages a
 * test opens are closed after it, and the test fails if any of them logged an unexpected error.
 */
export function useE2eSession<B extends Backend = Backend>(
  start: () => Promise<B> = startBackend as () => Promise<B>,
): () => E2eSession & { readonly backend: B } {
  let session: (E2eSession & { readonly backend: B }) | null = null;
  const openPages: Page[] = [];
  beforeAll(async () => {
    const backend = await start();
    const browser = await launchBrowser().catch(async (error: unknown) => {
      await backend.stop();
      throw error;
    });
    console.log(`ota-web e2e against ${backend.description}`);
    session = {
      backend,
      browser,
      newPage: async (options) => {
        const page = watchConsole(await openPage(browser, backend.baseUrl, options));
        openPages.push(page);
        return page;
      },
    };
  }, 120_000);
  afterEach(async () => {
    const pages = openPages.splice(0);
    const errors = pages.flatMap((page) => unexpectedConsoleErrors(page));
    await Promise.all(pages.map((page) => page.context().close()));
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.backend.stop();
  });
  return () => {
    if (session === null) throw new Error('The e2e session did not start.');
    return session;
  };
}

const consoleErrors = new WeakMap<Page, string[]>();

/** HTTP errors the scenarios provoke on purpose (404, 503...) are logged by Chromium; nothing else may be. */
const EXPECTED_CONSOLE_ERROR = /^Failed to load resource: the server responded with a status of [45]\d\d/;

function watchConsole(page: Page): Page {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_CONSOLE_ERROR.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return page;
}

/** Console errors and uncaught exceptions (a CSP violation, a failed chunk...) seen on the page so far. */
function unexpectedConsoleErrors(page: Page): string[] {
  return consoleErrors.get(page) ?? [];
}

/** Axe violations that block release: WCAG 2.x A/AA rules with serious or critical impact. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
}

/** Counts the browser's requests for one job from the API, whatever backend answers them. */
export function countJobRequests(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (/\/api\/v1\/orgs\/[^/]+\/ota-jobs\/[^/]+$/.test(new URL(request.url()).pathname)) count += 1;
  });
  return () => count;
}
