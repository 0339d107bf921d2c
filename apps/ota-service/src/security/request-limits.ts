import type { RequestHandler, Response } from 'express';
import { problemTypeUri } from '@enos-ota/ota-contract';

/** Longest URL accepted: ids are at most 64 characters, so anything near this is not a real call. */
export const MAX_URL_LENGTH = 2048;

function refuse(res: Response, status: 413 | 414, title: string, detail: string): void {
  // The body (if any) is never read: close the connection instead of draining it.
  res.setHeader('Connection', 'close');
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemTypeUri('invalid_request'),
        title,
        status,
        detail,
        code: 'invalid_request',
        enosCode: null,
        enosRequestId: null,
        requestId: String(res.getHeader('x-request-id') ?? ''),
      }),
    );
}

/**
 * Size limits on what reaches the routes (headers are limited by Node itself, 16 KiB -> 431): URLs
 * longer than MAX_URL_LENGTH get 414, and any request body gets 413 — the API takes none.
 */
export const requestLimits: RequestHandler = (req, res, next) => {
  if (req.originalUrl.length > MAX_URL_LENGTH) {
    refuse(res, 414, 'URL too long', `URLs are limited to ${MAX_URL_LENGTH} characters.`);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > 0 || req.headers['transfer-encoding'] !== undefined) {
    refuse(res, 413, 'Request body not accepted', 'This API takes no request bodies.');
    return;
  }
  next();
};
