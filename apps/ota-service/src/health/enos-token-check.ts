import { EnosCallError } from '../enos/enos-failure';

/** What the token check found, in our own words: probes are open, so no upstream text goes out. */
export type TokenCheck = { readonly held: true } | { readonly held: false; readonly reason: string };

function reasonOf(error: unknown): string {
  if (!(error instanceof EnosCallError)) return 'the EnOS token request failed';
  switch (error.failure.kind) {
    case 'token-rejected':
      return 'EnOS refused the app credentials (the service log says which setting to check)';
    case 'timeout':
      return 'the EnOS token service did not answer in time';
    case 'network':
      return 'the EnOS gateway cannot be reached';
    default:
      return 'the EnOS token request failed';
  }
}

/**
 * Waits for `token` at most `boundMs`. A slower token request goes on (the token service shares it
 * with the requests and the next probe); the probe answers now that no token is held yet.
 */
export async function checkToken(token: Promise<unknown>, boundMs: number): Promise<TokenCheck> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<TokenCheck>((resolve) => {
    timer = setTimeout(
      () => resolve({ held: false, reason: `no EnOS token yet: the token request took longer than ${boundMs} ms` }),
      boundMs,
    );
  });
  const outcome = token.then(
    (): TokenCheck => ({ held: true }),
    (error: unknown): TokenCheck => ({ held: false, reason: reasonOf(error) }),
  );
  try {
    return await Promise.race([outcome, bound]);
  } finally {
    clearTimeout(timer);
  }
}
