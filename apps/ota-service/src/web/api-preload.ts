import { validateJobId, validateOrgId } from '@enos-ota/ota-contract/validation';

/**
 * The API answers a page of the web app asks for first, named by its path. A page's own query never
 * changes these requests (the job list's query is its filters and paging, so only the bare list is here).
 */
const PAGES: readonly { readonly path: RegExp; readonly requests: (orgId: string, jobId: string) => string[] }[] = [
  {
    path: /^\/orgs\/([^/]+)\/jobs\/([^/]+)$/,
    requests: (orgId, jobId) => [
      `/api/v1/orgs/${orgId}/ota-jobs/${jobId}`,
      `/api/v1/orgs/${orgId}/ota-jobs/${jobId}/progress`,
    ],
  },
  { path: /^\/orgs\/([^/]+)\/jobs$/, requests: (orgId) => [`/api/v1/orgs/${orgId}/ota-jobs?pageNo=1&pageSize=20`] },
];

/**
 * A `Link` header value that has the browser fetch a page's first API answers while it is still loading
 * the app's scripts, or null when the page has none. The app's own requests for the same URLs then take
 * these answers (browsers match `as=fetch` preloads to fetch() and XMLHttpRequest requests of the same
 * URL, mode and credentials) instead of waiting for the scripts, the page's lazy chunks and a round trip.
 * Only for ids the contract accepts: those are exactly the URLs the app builds, and nothing else is fetched.
 */
export function apiPreloadLink(url: string): string | null {
  const [path = '', query] = url.split('?');
  for (const page of PAGES) {
    const match = page.path.exec(path);
    if (!match) continue;
    const [, orgId = '', jobId] = match;
    if (!validateOrgId(orgId).valid || (jobId !== undefined && !validateJobId(jobId).valid)) return null;
    // The bare list only: a list page with a query asks for another page or filter.
    if (jobId === undefined && query !== undefined && query !== '') return null;
    return page
      .requests(orgId, jobId ?? '')
      .map((request) => `<${request}>; rel=preload; as=fetch; crossorigin`)
      .join(', ');
  }
  return null;
}
