import type { ApiReply } from './http-types';

/** The highest page number the API accepts (see readPage). */
const MAX_PAGE_NO = 10_000;

export interface PageFigures {
  readonly pageNo: number;
  readonly pageSize: number;
  readonly totalSize: number;
}

/**
 * An RFC 8288 `Link` header for a page of a list: `first` always, `prev` unless on page 1, `next` and
 * `last` when more items follow. Targets are relative to this service and keep the request's query,
 * with only `pageNo` changed (so the links work behind any proxy that keeps the path).
 */
export function pageLinks(url: string, page: PageFigures): string {
  const [path = '', query = ''] = url.split('?', 2);
  const last = Math.min(MAX_PAGE_NO, Math.max(1, Math.ceil(page.totalSize / page.pageSize)));
  const target = (pageNo: number) => {
    const params = new URLSearchParams(query);
    params.set('pageNo', String(pageNo));
    return `<${path}?${params.toString()}>`;
  };
  const links = [`${target(1)}; rel="first"`];
  if (page.pageNo > 1) links.push(`${target(Math.min(page.pageNo - 1, last))}; rel="prev"`);
  if (page.pageNo < last) links.push(`${target(page.pageNo + 1)}; rel="next"`, `${target(last)}; rel="last"`);
  return links.join(', ');
}

/** Sets the `Link` header of a list answer. */
export function setPageLinks(reply: ApiReply, page: PageFigures): void {
  void reply.header('Link', pageLinks(reply.request.url, page));
}
