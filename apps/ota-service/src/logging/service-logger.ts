import pino, { type DestinationStream, type Logger } from 'pino';
import type { ServiceConfig } from '../config/service-config';
import { redactSecrets } from './redact-secrets';
import { LineBatch } from './line-batch';

/** Nest injection tokens of the two loggers (see ServiceLoggers). */
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const ACCESS_LOGGER = Symbol('ACCESS_LOGGER');

/** The service's loggers; both write JSON lines to the same destination. */
export interface ServiceLoggers {
  /** For components, through a child named after each (`logger.child({ context: 'EnosOtaClient' })`). */
  readonly logger: Logger;
  /**
   * For the one line per request, whose fields the access log picks itself (never headers or bodies):
   * without the redaction pass, which cost ~4% of the service's CPU under load for lines that cannot
   * hold a secret.
   */
  readonly accessLogger: Logger;
}

/**
 * JSON lines to stdout, or to `stream` (tests capture it). Stdout is written asynchronously: the
 * lines of one event-loop turn go out as one write, and lines logged while a write is in progress go
 * out together in the next one (one system call for many requests under load, at once when idle);
 * what is left is written when the process exits.
 */
export function createServiceLoggers(level: ServiceConfig['logLevel'], stream?: DestinationStream): ServiceLoggers {
  const destination = stream ?? new LineBatch(pino.destination({ dest: 1, sync: false }));
  return {
    // redactSecrets also turns errors into plain fields, which pino's own error serializer would rename.
    logger: pino(
      { level, formatters: { log: redactSecrets }, serializers: { err: (err: unknown) => err } },
      destination,
    ),
    accessLogger: pino({ level }, destination).child({ context: 'http' }),
  };
}
