/**
 * The real stack with operators' sign-in: a real OpenID Connect provider (test users, groups and its
 * own login form), the EnOS simulator and the ota-service serving the built app, on loopback ports.
 * The service's own test support starts them; it is loaded by a path computed at run time, for the
 * reason given in real-backend.ts (the web app may not depend on the service).
 */
import { join } from 'node:path';
import { APP_DIST, assertAppBuilt } from './app-dist';
import type { Backend } from './backend';

const SIGN_IN_SUPPORT = join(__dirname, '../../../../apps/ota-service/test/support/sign-in');

export interface TestUser {
  readonly login: string;
  readonly password: string;
  readonly name: string;
}

interface SignInStack {
  readonly url: string;
  readonly provider: { readonly issuer: string };
  advance(ms: number): void;
  close(): Promise<void>;
}

interface SignInSupport {
  startSignInStack(env: Readonly<Record<string, string>>): Promise<SignInStack>;
  USERS: Record<'alice' | 'bob' | 'carol', TestUser>;
}

export interface OidcBackend extends Backend {
  readonly issuer: string;
  readonly users: SignInSupport['USERS'];
  /** Moves the service's clock: sessions age without waiting. */
  advance(ms: number): void;
}

export async function startOidcBackend(): Promise<OidcBackend> {
  assertAppBuilt();
  const support = (await import(SIGN_IN_SUPPORT)) as Partial<SignInSupport>;
  if (typeof support.startSignInStack !== 'function' || !support.USERS) {
    throw new Error(`${SIGN_IN_SUPPORT} changed shape; update apps/ota-web/e2e/support/oidc-backend.ts.`);
  }
  const stack = await support.startSignInStack({ OTA_WEB_ROOT: APP_DIST, LOG_LEVEL: 'warn' });
  return {
    baseUrl: stack.url,
    issuer: stack.provider.issuer,
    users: support.USERS,
    description: `ota-service at ${stack.url} signing operators in at ${stack.provider.issuer}`,
    advance: (ms) => stack.advance(ms),
    stop: () => stack.close(),
  };
}
