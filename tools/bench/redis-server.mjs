// A redis-server (Debian's) for the shared-state scenario: a free loopback port (never 6379), no
// persistence, and its own count of commands, so the benchmark can report Redis round trips per
// request (the service sends one command per round trip: it never pipelines).
import { connect } from 'node:net';
import { freePort, startProcess, stopProcess } from './processes.mjs';

/** Sends one inline command and resolves with the whole reply text (small replies only). */
function ask(port, command) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy(new Error(`redis-server on ${port} did not answer ${command}`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk;
      // A bulk string ($len, then the text) is complete once its length is there; +PONG at once.
      const bulk = /^\$(\d+)\r\n/.exec(reply);
      if (reply.startsWith('+') || (bulk && Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]))) {
        socket.end();
        resolve(reply);
      }
    });
  });
}

export async function startRedisServer({ cpu } = {}) {
  let port = await freePort();
  while (port === 6379) port = await freePort();
  const handle = startProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''], {
    command: 'redis-server',
    cpu,
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const pong = await ask(port, 'PING').catch(() => '');
    if (pong.startsWith('+PONG')) break;
    if (handle.exitCode !== undefined || Date.now() > deadline) {
      await stopProcess(handle);
      throw new Error(`redis-server did not start (is it installed?): ${handle.stderr.trim().slice(-500)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    handle,
    url: `redis://127.0.0.1:${port}`,
    /** Commands Redis has processed so far, this query excluded (it counts once it is answered). */
    async commandsProcessed() {
      const info = await ask(port, 'INFO stats');
      return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
    },
    /** Forgets everything, e.g. the shared token, so a fresh service starts as if alone. */
    flush: () => ask(port, 'FLUSHALL'),
    stop: () => stopProcess(handle),
  };
}
