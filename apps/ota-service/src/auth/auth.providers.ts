import type { Provider, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/service-config';
import { SERVICE_LOGGER } from '../logging/service-logger';
import { AuthController } from './auth.controller';
import { CLOCK, OIDC_CLIENT } from './auth.tokens';
import { OidcClient } from './oidc-client';
import { OperatorSessions } from './operator-sessions';
import { CookieSealer } from './sealed-cookie';
import { SessionAuth } from './session-auth';
import { MemorySessionStore, type SessionStore } from './session-store';
import { RedisSessionStore } from './redis-session-store';
import { SharedStore } from '../fleet/shared-store';

/** Injection token of the SessionStore: in Redis with OTA_REDIS_URL, in this process otherwise. */
export const SESSION_STORE = Symbol('SESSION_STORE');

/**
 * Operators' sign-in: the controller and providers when OpenID Connect is configured, and a null
 * SessionAuth otherwise (API keys or loopback open mode alone). The provider is discovered while the
 * app is created, so a provider that cannot be reached stops the start with its name.
 */
export function operatorSignIn(
  config: ServiceConfig,
  now: () => number,
): { controllers: Type<unknown>[]; providers: Provider[] } {
  const settings = config.security.oidc;
  if (settings === null) {
    return {
      controllers: [],
      providers: [
        { provide: SessionAuth, useValue: null },
        { provide: CLOCK, useValue: now },
      ],
    };
  }
  return {
    controllers: [AuthController],
    providers: [
      { provide: CLOCK, useValue: now },
      {
        provide: SESSION_STORE,
        inject: [SharedStore],
        // With OTA_REDIS_URL every replica shares the sessions; without it they live in this process.
        useFactory: (shared: SharedStore | null) =>
          shared
            ? new RedisSessionStore(shared, new CookieSealer(settings.cookieKey, now), now)
            : new MemorySessionStore(),
      },
      { provide: OIDC_CLIENT, useFactory: () => OidcClient.discover(settings, now) },
      {
        provide: SessionAuth,
        inject: [OIDC_CLIENT, SESSION_STORE, SERVICE_LOGGER],
        useFactory: (client: OidcClient, store: SessionStore, logger: Logger) => {
          const sealer = new CookieSealer(settings.cookieKey, now);
          const sessions = new OperatorSessions(
            settings,
            client,
            store,
            sealer,
            now,
            logger.child({ context: 'Sessions' }),
          );
          return new SessionAuth(settings, sessions, sealer);
        },
      },
    ],
  };
}
