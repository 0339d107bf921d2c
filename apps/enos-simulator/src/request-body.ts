/**
 * Reads a request body with a size cap, so a huge or endless upload cannot exhaust memory. EnOS bodies
 * for these calls are tiny; 64 KiB is far above anything legitimate.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

export function readRequestBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  // A GET without a body is the hot path: no listeners, no promise chain beyond this one.
  if (
    declared === 0 ||
    (req.method === 'GET' && req.headers['content-length'] === undefined && !req.headers['transfer-encoding'])
  )
    return Promise.resolve({ ok: true, text: '' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the rest of the upload is discarded by Node once the answer is sent.
        chunks.length = 0;
        settle({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', () => settle({ ok: false, reason: 'aborted' }));
    req.once('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}
