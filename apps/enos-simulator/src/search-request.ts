/**
 * The body of Search OTA Jobs / Search OTA Tasks: `{expression?, pagination?: {pageNo, pageSize}}`, and
 * the paging rules of docs/enos.md section 3 (pageNo from 1, pageSize default 10, at most 200). An empty
 * body means "everything, first page". Fields the simulator does not know (such as `sorters`) are
 * ignored, as a lenient Java back end would; wrong types and out-of-range numbers are refused with
 * `Invalid Argument <field>:<reason>`.
 */

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 200;

export interface SearchRequest {
  /** Undefined when absent, null or blank: no filter. */
  expression: string | undefined;
  pageNo: number;
  pageSize: number;
}

export type SearchRequestRead = { ok: true; request: SearchRequest } | { ok: false; field: string; reason: string };

const refuse = (field: string, reason: string): SearchRequestRead => ({ ok: false, field, reason });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readSearchRequest(rawBody: string): SearchRequestRead {
  let body: unknown = {};
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return refuse('body', 'the request body is not valid JSON');
    }
  }
  if (!isObject(body)) return refuse('body', 'the request body must be a JSON object');

  const expression = body['expression'];
  if (expression !== undefined && expression !== null && typeof expression !== 'string')
    return refuse('expression', 'expression must be a string');

  let pageNo = 1;
  let pageSize = DEFAULT_PAGE_SIZE;
  const pagination = body['pagination'];
  if (pagination !== undefined && pagination !== null) {
    if (!isObject(pagination)) return refuse('pagination', 'pagination must be an object with pageNo and pageSize');
    const no = pagination['pageNo'];
    const size = pagination['pageSize'];
    if (no !== undefined && no !== null) {
      if (typeof no !== 'number' || !Number.isSafeInteger(no) || no < 1)
        return refuse('pagination', `pageNo must be an integer >= 1, got ${JSON.stringify(no)}`);
      pageNo = no;
    }
    if (size !== undefined && size !== null) {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
        return refuse(
          'pagination',
          `pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(size)}`,
        );
      pageSize = size;
    }
  }
  return {
    ok: true,
    request: {
      expression: typeof expression === 'string' && expression.trim() !== '' ? expression : undefined,
      pageNo,
      pageSize,
    },
  };
}
