import { inspect } from 'node:util';

/**
 * Injection token of the EnOS app secret: only the classes that sign (the OTA client and the token
 * service) ask for it; everything else gets SERVICE_CONFIG, which does not hold it.
 */
export const APP_SECRET = Symbol('APP_SECRET');

const HIDDEN = '[redacted]';

/**
 * The EnOS app secret. The value sits in a private field: printing, logging, serialising or spreading
 * the holder shows `[redacted]`; only `reveal()` gives it, at the point of signing.
 */
export class AppSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return HIDDEN;
  }

  toString(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return `AppSecret(${HIDDEN})`;
  }
}
