import type { Env } from '../config/service-config';

/** Where the service was told to listen, to name it when listening fails. */
export interface ListenTarget {
  readonly host: string;
  readonly port: number;
}

type SystemError = Error & { code?: string; path?: string; syscall?: string };

/** What went wrong and which setting or file to change, for the errors a start-up meets in practice. */
function describeStartupFailure(error: unknown, target: ListenTarget | null): string {
  if (!(error instanceof Error)) return String(error);
  const { code, path, syscall } = error as SystemError;
  const where = target ? `${target.host}:${target.port}` : 'the configured address';
  if (syscall === 'listen' || syscall === 'bind' || syscall === 'getaddrinfo') {
    switch (code) {
      case 'EADDRINUSE':
        return `${where} is already in use (PORT, HOST): stop the process holding it, or set another PORT`;
      case 'EACCES':
        return `not allowed to listen on ${where}: ports below 1024 need privileges; set PORT to 1024 or above`;
      case 'EADDRNOTAVAIL':
        return `HOST=${target?.host} is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `HOST=${target?.host} cannot be resolved: set HOST to an address of this machine`;
    }
  }
  if (path && code) return `${path} cannot be used (${code}): ${error.message}`;
  return error.message;
}

/** Whether LOG_LEVEL asks for debug detail, read on its own: the configuration may be what failed. */
function wantsStack(env: Env): boolean {
  return ['debug', 'trace'].includes((env['LOG_LEVEL'] ?? '').trim());
}

/**
 * Prints why the service cannot start, for an operator: the cause in a line that names what to
 * change, and the stack when LOG_LEVEL is debug or trace.
 */
export function reportStartupFailure(error: unknown, target: ListenTarget | null, env: Env): void {
  console.error(`ota-service cannot start: ${describeStartupFailure(error, target)}`);
  if (wantsStack(env) && error instanceof Error && error.stack) console.error(error.stack);
  else console.error('(LOG_LEVEL=debug prints the stack trace)');
}
