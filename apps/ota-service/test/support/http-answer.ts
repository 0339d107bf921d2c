import { connect } from 'node:net';
import { request as undiciRequest } from 'undici';

/** An answer as the wire carried it: status, headers (lower-case names), body text. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The body's bytes as they came (still compressed, when they were). */
  readonly bytes: Buffer;
}

/** A request through undici, which (unlike fetch) sends a body on GET and any header size. */
export async function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  const response = await undiciRequest(url, {
    method: (options.method ?? 'GET') as 'GET',
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const bytes = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers, body: bytes.toString('utf8'), bytes };
}

/**
 * Raw bytes on a new connection (for requests no HTTP client would send); the answer as read until close.
 * `stall` leaves the connection open after the bytes, as a client that never finishes its request does.
 */
export function sendRaw(url: string, bytes: string, { stall = false } = {}): Promise<HttpAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (stall ? socket.write(bytes) : socket.end(bytes)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const text = all.toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = rest.join('\r\n\r\n');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, bytes: Buffer.from(body) });
    });
  });
}
