import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a well-formed caller id', () => {
    expect(requestIdFrom('checkout-7f3a2c:step/1.2_a')).toBe('checkout-7f3a2c:step/1.2_a');
  });

  it('drops characters that could forge log lines or headers', () => {
    expect(requestIdFrom('abc\r\nSet-Cookie: x=1 <script>')).toBe('abcSet-Cookie:x1script');
  });

  it('cuts long ids to 128 characters', () => {
    expect(requestIdFrom('a'.repeat(500))).toHaveLength(128);
  });

  it('uses the first of repeated headers', () => {
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it.each([undefined, '', '   ', '!!!'])('generates a UUID when given %p', (header) => {
    expect(requestIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
