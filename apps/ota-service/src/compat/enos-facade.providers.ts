import type { Provider, Type } from '@nestjs/common';
import type { ServiceConfig } from '../config/service-config';
import type { CredentialSource } from '../security/credential-source';
import { KeyRateLimitGuard } from '../security/rate-limit.guard';
import { EnosCompatController } from './enos-compat.controller';
import { EnosCompatGuard } from './enos-compat.guard';
import { FacadeTokenController } from './facade-token.controller';
import { FACADE_TOKEN_STORE, InMemoryFacadeTokenStore } from './facade-token-store';
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
  { provide: FACADE_TOKEN_STORE, useFactory: () => new InMemoryFacadeTokenStore() },
];

/** The credential sources of the facade, asked after API keys; none when it is off. */
export function enosCompatCredentialSources(config: ServiceConfig, enosApps: EnosAppCredentials): CredentialSource[] {
  return config.enosFacade === null ? [] : [enosApps];
}
