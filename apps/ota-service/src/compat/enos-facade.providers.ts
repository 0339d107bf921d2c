import type { Provider, Type } from '@nestjs/common';
import type { ServiceConfig } from '../config/service-config';
import type { CredentialSource } from '../security/credential-source';
import { KeyRateLimitGuard } from '../security/rate-limit.guard';
import { EnosCompatController } from './enos-compat.controller';
import { EnosCompatGuard } from './enos-compat.guard';
import { FacadeTokenController } from './facade-token.controller';
import { DEFAULT_REPLAY_WINDOW_MS } from '@enos-ota/enos-gateway-protocol';
import { SharedStore } from '../fleet/shared-store';
import { FACADE_TOKEN_STORE, InMemoryFacadeTokenStore } from './facade-token-store';
import { FleetFacadeTokenStore } from './fleet-facade-token-store';
import { FacadeTokens } from './facade-tokens';
import { FacadeAuthenticator } from './facade-authenticator';
import { EnosAppCredentials } from './enos-app-credentials';

/** The EnOS-compatible routes; the token service only when facade apps are configured. */
export function enosCompatControllers(config: ServiceConfig): Type[] {
  return [EnosCompatController, ...(config.enosFacade === null ? [] : [FacadeTokenController])];
}

export const ENOS_COMPAT_PROVIDERS: Provider[] = [
  EnosCompatGuard,
  // The per-principal limit, applied again by EnosCompatGuard to signed calls in open mode.
  KeyRateLimitGuard,
  FacadeAuthenticator,
  EnosAppCredentials,
  FacadeTokens,
  {
    // Shared by the fleet with OTA_REDIS_URL (falling back to this process), else this process alone.
    provide: FACADE_TOKEN_STORE,
    inject: [SharedStore],
    useFactory: (store: SharedStore | null) =>
      store ? new FleetFacadeTokenStore(store, DEFAULT_REPLAY_WINDOW_MS) : new InMemoryFacadeTokenStore(),
  },
];

/** The credential sources of the facade, asked after API keys; none when it is off. */
export function enosCompatCredentialSources(config: ServiceConfig, enosApps: EnosAppCredentials): CredentialSource[] {
  return config.enosFacade === null ? [] : [enosApps];
}
