import type { AuthenticatedRequest } from '../security/principal';
import type { FacadeApp } from './facade-apps';

/** A request on an EnOS-compatible route; `enosApp` is set once a signed call has been authenticated. */
export interface CompatRequest extends AuthenticatedRequest {
  enosApp?: FacadeApp;
}

/**
 * A refusal in EnOS's own terms (a connect-service code and message), raised anywhere on an
 * EnOS-compatible route and answered as EnOS would: HTTP 200 with the code in the envelope.
 */
export class EnosRefusal extends Error {
  constructor(
    readonly code: number,
    readonly enosMsg: string,
  ) {
    super(`EnOS-compatible request refused: ${code} ${enosMsg}`);
    this.name = 'EnosRefusal';
  }
}
