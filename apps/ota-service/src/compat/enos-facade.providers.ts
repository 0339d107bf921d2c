import type { Provider, Type } from '@nestjs/common';
import type { ServiceConfig } from '../config/service-config';
import { EnosCompatController } from './enos-compat.controller';
import { EnosCompatGuard } from './enos-compat.guard';
import { FacadeTokenController } from './facade-token.controller';
import { FACADE_TOKEN_STORE, InMemoryFacadeTokenStore } from './facade-token-store';
import { FacadeTokens } from './facade-tokens';

/** The EnOS-compatible routes; the token service only when facade apps are configured. */
export function enosCompatControllers(config: ServiceConfig): Type[] {
  return [EnosCompatController, ...(config.enosFacade === null ? [] : [FacadeTokenController])];
}

export const ENOS_COMPAT_PROVIDERS: Provider[] = [
  EnosCompatGuard,
  FacadeTokens,
  { provide: FACADE_TOKEN_STORE, useFactory: () => new InMemoryFacadeTokenStore() },
];
