import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

// jose is ESM-only, loaded like openid-client (see oidc-client.ts).
let library: Promise<typeof Jose> | undefined;
const load = (): Promise<typeof Jose> => (library ??= import('jose'));

/**
 * Cookie values encrypted and authenticated with jose's JWE (`dir`, A256GCM), as Auth.js does for its
 * session cookies: the browser can neither read nor alter them, and each carries its own expiry.
 */
export class CookieSealer {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => number,
  ) {}

  async seal(payload: Readonly<Record<string, string>>, expiresAtMs: number): Promise<string> {
    const { EncryptJWT } = await load();
    return new EncryptJWT({ ...payload })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(Math.floor(this.now() / 1000))
      .setExpirationTime(Math.floor(expiresAtMs / 1000))
      .encrypt(this.key);
  }

  /** The payload, or `expired`, or null for anything not sealed by us (tampered, foreign, garbage). */
  async open(value: string): Promise<Record<string, unknown> | 'expired' | null> {
    const { jwtDecrypt, errors } = await load();
    try {
      const { payload } = await jwtDecrypt(value, this.key, {
        currentDate: new Date(this.now()),
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return payload;
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null;
    }
  }
}
