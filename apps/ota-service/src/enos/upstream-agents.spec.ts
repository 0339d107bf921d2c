import { createServer, get, type Agent, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { keepAliveAgents } from './upstream-agents';

/** A server that keeps idle connections `keepAliveMs` and says so in `Keep-Alive: timeout=N`. */
async function startServer(keepAliveMs: number): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((_req, res) => res.end('ok'));
  server.keepAliveTimeout = keepAliveMs;
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

function call(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

/** Resolves with who ended the connection: `client` when its FIN arrived first, else `server`. */
function whoCloses(socket: Socket): Promise<'client' | 'server'> {
  return new Promise((resolve) => {
    socket.once('end', () => resolve('client'));
    socket.once('close', () => resolve('server'));
  });
}

describe('the keep-alive pool towards EnOS', () => {
  it('closes an idle connection before the server announced it would (Keep-Alive: timeout)', async () => {
    const { server, port, sockets } = await startServer(2000);
    const { httpAgent, httpsAgent } = keepAliveAgents();
    try {
      await call(port, httpAgent);
      expect(sockets).toHaveLength(1);
      // Node closes at the hint minus one second, before the server's own timer: the client's FIN
      // arrives first. Without the hint, the agent's 4 s idle timeout would let the server close first.
      await expect(whoCloses(sockets[0] as Socket)).resolves.toBe('client');
      await call(port, httpAgent);
      expect(sockets).toHaveLength(2);
    } finally {
      httpAgent.destroy();
      httpsAgent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
