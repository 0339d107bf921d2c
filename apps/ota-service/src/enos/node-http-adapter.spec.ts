import axios, { AxiosError, AxiosHeaders, type AxiosInstance } from 'axios';
import { Agent, createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpAdapter } from './node-http-adapter';

/** A server whose answers never end: only the client can stop reading them. */
async function endlessServer(): Promise<{ server: Server; url: string; open: Set<ServerResponse> }> {
  const open = new Set<ServerResponse>();
  const server = createServer((_req, res) => {
    open.add(res);
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write('x'.repeat(1024)), 5);
    res.on('close', () => {
      clearInterval(timer);
      open.delete(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, open };
}

describe('the node:http adapter under axios', () => {
  let target: Awaited<ReturnType<typeof endlessServer>>;
  let client: AxiosInstance;
  const agent = new Agent({ keepAlive: true });
  beforeAll(async () => {
    target = await endlessServer();
    client = axios.create({ adapter: nodeHttpAdapter, httpAgent: agent });
  });
  afterAll(async () => {
    agent.destroy();
    target.server.closeAllConnections();
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('ends an answer larger than maxContentLength while it arrives, and drops the connection', async () => {
    const failure = await client.get(target.url, { maxContentLength: 16 * 1024 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AxiosError);
    expect((failure as AxiosError).message).toBe('maxContentLength size of 16384 exceeded');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.open.size).toBe(0);
  });

  it('ends an answer still arriving at its timeout, however busy the connection, and drops it', async () => {
    const started = Date.now();
    const failure = await client.get(target.url, { timeout: 150 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AxiosError);
    expect((failure as AxiosError).code).toBe('ECONNABORTED');
    expect((failure as AxiosError).message).toBe('no answer within 150 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(target.open.size).toBe(0);
  });

  it('ends an answer still arriving when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = client.get(target.url, { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(axios.isCancel(await pending)).toBe(true);
  });

  it("hands axios the answer's headers as node parsed them, in an AxiosHeaders", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '7', 'Set-Cookie': ['a=1', 'b=2'] });
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const answer = await client.get<string>(url, { validateStatus: () => true, transformResponse: [] });
      expect(answer.headers).toBeInstanceOf(AxiosHeaders);
      expect(answer.headers['retry-after']).toBe('7');
      expect((answer.headers as { get(name: string): unknown }).get('Content-Type')).toBe('application/json');
      expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(answer.data).toBe('{}');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends Host, every header set and the length of a body, never chunked', async () => {
    const seen: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await client.post(`http://127.0.0.1:${port}/t?a=1`, '{"é":1}', {
        headers: { 'Content-Type': 'application/json', 'apim-signature': 'abc', 'X-Left-Out': false },
        transformRequest: [],
      });
      expect(seen[0]?.headers).toMatchObject({
        host: `127.0.0.1:${port}`,
        'content-type': 'application/json',
        'apim-signature': 'abc',
        'content-length': '8',
      });
      expect(seen[0]?.headers).not.toHaveProperty('transfer-encoding');
      expect(seen[0]?.headers).not.toHaveProperty('x-left-out');
      expect(seen[0]?.body).toBe('{"é":1}');
      // A value cannot smuggle a header line in: axios or node:http cleans or refuses it.
      await client.get(`http://127.0.0.1:${port}/t`, { headers: { 'X-Bad': 'a\r\nEvil: 1' } }).catch(() => undefined);
      expect(seen.some((request) => 'evil' in request.headers)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
