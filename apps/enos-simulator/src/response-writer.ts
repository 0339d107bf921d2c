/**
 * Writes a {@link SimResponse}, at once or trickled (the `slow-body` fault: headers immediately, the body
 * in pieces spread over the configured time). Timers are tracked so `close()` never leaves one running.
 */
import type { ServerResponse } from 'node:http';
import type { SimResponse } from './sim-response';

/** How many pieces a slow body is cut into. */
const SLOW_BODY_PIECES = 10;

/** Sends the status line and headers; returns the body to write, or null when the client has gone or
 * an answer was already started. */
function startResponse(res: ServerResponse, response: SimResponse): Buffer | null {
  if (res.destroyed || res.headersSent) return null;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': body.length,
    ...response.headers,
  });
  return body;
}

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  const body = startResponse(res, response);
  if (!body) return;
  res.end(body);
}

export function writeResponseSlowly(
  res: ServerResponse,
  response: SimResponse,
  totalMs: number,
  timers: Set<NodeJS.Timeout>,
): void {
  const body = startResponse(res, response);
  if (!body) return;
  res.flushHeaders();
  const pieces = Math.max(1, Math.min(SLOW_BODY_PIECES, body.length));
  const pieceSize = Math.ceil(body.length / pieces);
  let sent = 0;
  let step = 0;
  const writeNext = (): void => {
    if (res.destroyed) return;
    step += 1;
    const next = Math.min(body.length, sent + pieceSize);
    const piece = body.subarray(sent, next);
    sent = next;
    if (step >= pieces || sent >= body.length) res.end(piece);
    else {
      res.write(piece);
      schedule();
    }
  };
  // The first piece goes after one interval too, so the whole body takes at least `totalMs`.
  const schedule = (): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      writeNext();
    }, totalMs / pieces);
    timers.add(timer);
  };
  schedule();
}
