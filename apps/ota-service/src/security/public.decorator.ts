import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

const IS_PUBLIC = 'ota:public';

/**
 * Marks a controller or route as open: no credentials asked and no rate limit counted, so probes,
 * scrapes and the docs keep answering whoever calls. Every route without it requires a principal
 * (the guards are global), so a new controller is protected unless someone opens it on purpose.
 */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);

export function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true
  );
}
