import { MAX_QUOTED_LENGTH, quoteUpstreamText } from './upstream-text';

describe('quoteUpstreamText', () => {
  it('keeps an ordinary EnOS message as it is', () => {
    expect(quoteUpstreamText('Invalid Argument orgId:  orgId does not exist')).toBe(
      'Invalid Argument orgId: orgId does not exist',
    );
  });

  it('bounds a 60 kB message full of terminal escapes to 300 characters and an ellipsis', () => {
    const hostile = `\u001b[2J\u001b[31mred\u001b[0m\u001b]0;title\u0007${'\u001b[1mA\u0000\r\n'.repeat(8000)}`;
    expect(hostile.length).toBeGreaterThan(60_000);
    const quoted = quoteUpstreamText(hostile);
    expect(quoted).toHaveLength(MAX_QUOTED_LENGTH + 1);
    expect(quoted.endsWith('…')).toBe(true);
    expect(quoted.startsWith('redA A A')).toBe(true);
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(quoted).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('drops stack traces and hides URLs', () => {
    const msg =
      'Internal Server Error: call to http://10.0.3.7:8080/internal/ota?token=abc failed\n' +
      '    at OtaService.get (/srv/app/ota.js:42:7)\n    at process.tick (node:internal/x:1:1)';
    expect(quoteUpstreamText(msg)).toBe('Internal Server Error: call to <url> failed');
    expect(quoteUpstreamText('java.lang.NullPointerException\n\tat com.envision.Ota.get(Ota.java:12)')).toBe(
      'java.lang.NullPointerException',
    );
  });

  it('keeps text that only looks like a frame within a line', () => {
    expect(quoteUpstreamText('retry at least once')).toBe('retry at least once');
  });
});
