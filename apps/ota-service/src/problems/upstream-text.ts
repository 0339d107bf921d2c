/** Longest piece of upstream text quoted in a problem `detail`. */
export const MAX_QUOTED_LENGTH = 300;

/** From the first stack frame line (`    at f (file:1:2)`, Java's `\tat com.x.Y(Y.java:1)`) to the end. */
const STACK_TRACE = /\r?\n[ \t]*at \S[\s\S]*$/;
/** ANSI/VT escape sequences (CSI with parameters, OSC up to BEL or ST, two-character escapes). */
// eslint-disable-next-line no-control-regex -- escape sequences start with the ESC control character
const TERMINAL_ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>)]*/gi;

/**
 * Upstream text (an EnOS `msg`) made fit to quote to a caller: data, not output. Stack traces are
 * dropped, terminal escapes and other control characters removed, URLs (internal addresses) replaced
 * by `<url>`, whitespace collapsed, and the result cut to MAX_QUOTED_LENGTH characters with an ellipsis.
 * The EnOS code and request id, which are what support needs, travel in their own fields.
 */
export function quoteUpstreamText(text: string): string {
  const cleaned = text
    .slice(0, 16 * MAX_QUOTED_LENGTH)
    .replace(STACK_TRACE, '')
    .replace(TERMINAL_ESCAPES, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(URLS, '<url>')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = Array.from(cleaned);
  return characters.length <= MAX_QUOTED_LENGTH ? cleaned : `${characters.slice(0, MAX_QUOTED_LENGTH).join('')}…`;
}
