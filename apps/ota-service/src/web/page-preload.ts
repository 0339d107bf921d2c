import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateJobId, validateOrgId } from '@enos-ota/ota-contract/validation';

const validIds = (orgId = '', jobId?: string) =>
  validateOrgId(orgId).valid && (jobId === undefined || validateJobId(jobId).valid);

/**
 * The web app's pages that load data, by path: the lazy route module that renders each (named by the
 * build: `job-detail.routes-<hash>.js`) and the API requests it makes first, only for ids the contract
 * accepts: those are exactly the URLs the app builds. A page's query never changes those requests,
 * except the job list's (its filters and paging): only the bare list is here.
 */
const PAGES: readonly {
  readonly path: RegExp;
  readonly routeModule: string;
  readonly api: (ids: string[], query: string) => string[];
}[] = [
  {
    path: /^\/orgs\/([^/]+)\/jobs\/([^/]+)$/,
    routeModule: 'job-detail.routes',
    api: ([orgId, jobId]) =>
      validIds(orgId, jobId ?? '')
        ? [`/api/v1/orgs/${orgId}/ota-jobs/${jobId}`, `/api/v1/orgs/${orgId}/ota-jobs/${jobId}/progress`]
        : [],
  },
  {
    path: /^\/orgs\/([^/]+)\/jobs$/,
    routeModule: 'job-list.routes',
    api: ([orgId], query) =>
      validIds(orgId) && query === '' ? [`/api/v1/orgs/${orgId}/ota-jobs?pageNo=1&pageSize=20`] : [],
  },
  { path: /^\/orgs\/([^/]+)\/devices\/([^/]+)$/, routeModule: 'device-history.routes', api: () => [] },
];

/** Per route module name, the module files a page of it needs beyond what index.html already loads. */
export type PageModules = ReadonlyMap<string, readonly string[]>;

/** `from"./chunk-X.js"` and `import"./chunk-X.js"`: static imports; `import("./x.js")` (lazy) is not one. */
const STATIC_IMPORT = /\bfrom\s*["']\.\/([\w.-]+\.m?js)["']|\bimport\s*["']\.\/([\w.-]+\.m?js)["']/g;

/**
 * Reads one build of the web app: for each data page's lazy route module, that module and every module
 * it imports statically, directly or not, less those index.html loads or preloads anyway.
 */
export function readPageModules(webRoot: string, indexHtml: string): PageModules {
  const files = readdirSync(webRoot);
  const initial = new Set([...indexHtml.matchAll(/(?:src|href)="([\w.-]+\.m?js)"/g)].map((match) => match[1]));
  const modules = new Map<string, string[]>();
  for (const { routeModule } of PAGES) {
    const entry = files.find((file) => file.startsWith(`${routeModule}-`) && /\.m?js$/.test(file));
    if (entry === undefined) continue;
    const needed: string[] = [];
    const pending = [entry];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (needed.includes(file) || initial.has(file) || !files.includes(file)) continue;
      needed.push(file);
      for (const match of readFileSync(join(webRoot, file), 'utf8').matchAll(STATIC_IMPORT)) {
        pending.push((match[1] ?? match[2]) as string);
      }
    }
    modules.set(routeModule, needed);
  }
  return modules;
}

/**
 * A `Link` header value with what a page of the web app needs first, or null when it needs nothing
 * more than index.html names. The browser then fetches, while it loads the app's first scripts, both the
 * page's route modules (otherwise found only after the router asked for the route module and that module
 * was parsed: two round trips later) and its first API answers (otherwise asked for only once all that
 * code had run: browsers match `as=fetch` preloads to fetch() and XMLHttpRequest requests of the same
 * URL, mode and credentials).
 */
export function pagePreloadLink(url: string, modules: PageModules): string | null {
  const [path = '', query = ''] = url.split('?');
  for (const page of PAGES) {
    const match = page.path.exec(path);
    if (!match) continue;
    const links = [
      ...page.api(match.slice(1), query).map((request) => `<${request}>; rel=preload; as=fetch; crossorigin`),
      ...(modules.get(page.routeModule) ?? []).map((file) => `</${file}>; rel=modulepreload`),
    ];
    return links.length === 0 ? null : links.join(', ');
  }
  return null;
}
