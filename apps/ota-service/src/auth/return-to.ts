const BASE = 'http://return-to.invalid';

const hasControlCharacter = (text: string): boolean =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * The page to land on after signing in: a path of this service, never another site (no open
 * redirects). `//evil.example`, `/\evil.example`, absolute URLs and control characters are refused
 * (null); nothing given means the start page.
 */
export function safeReturnTo(raw: unknown): string | null {
  if (raw === undefined || raw === '') return '/';
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  // Browsers read a backslash as a slash and drop tabs and newlines: `/\evil` and `/\t/evil` leave the site.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || hasControlCharacter(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // Landing on a sign-in route again would loop.
  if (url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
