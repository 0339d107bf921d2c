/**
 * Writes a {@link SimResponse}, at once or trickled (the `slow-body` fault: headers immediately, the body
 * in pieces spread over the configured time). Timers are tracked so `close()` never leaves one running.
 */
import type { ServerResponse } from 'node:http';
import type { SimResponse } from './sim-response';

/** How many pieces a slow body is cut into. */
const SLOW_BODY_PIECES = 10;

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': body.length,
    ...response.headers,
  });
  res.end(body);
}

export function writeResponseSlowly(
  res: ServerResponse,
  response: SimResponse,
  totalMs: number,
  timers: Set<NodeJS.Timeout>,
): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': body.length,
    ...response.headers,
  });
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
