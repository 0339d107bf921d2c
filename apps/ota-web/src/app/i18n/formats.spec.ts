import { Formats } from './formats';

describe('Formats', () => {
  const en = new Formats('en');
  const zh = new Formats('zh-CN');

  it('writes durations in the largest whole units', () => {
    expect(en.duration(7200)).toBe('2 hours');
    expect(en.duration(5400)).toBe('1 hour, 30 minutes');
    expect(en.duration(172800)).toBe('2 days');
    expect(en.duration(45)).toBe('45 seconds');
    expect(en.duration(0)).toBe('0 seconds');
    expect(zh.duration(5400)).toBe('1小时30分钟');
  });
});
