import { Formats } from './formats';

describe('Formats', () => {
  const en = new Formats('en');
  const zh = new Formats('zh-CN');

  it('writes durations in the largest whole units', () => {
    expect(en.duration(7200)).toBe('2 hours');
    expect(en.duration(5400)).toBe('1 hour, 30 minutes');
    expect(en.duration(172_800)).toBe('2 days');
    expect(en.duration(90_061)).toBe('1 day, 1 hour, 1 minute, 1 second');
    expect(en.duration(45)).toBe('45 seconds');
    expect(en.duration(0)).toBe('0 seconds');
    expect(zh.duration(5400)).toBe('1小时30分钟');
  });

  it('writes times relative to now', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(en.relative(now, now)).toBe('now');
    expect(en.relative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(en.relative(now + 15_000, now)).toBe('in 15 seconds');
    expect(en.relative(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(en.relative(Date.UTC(2020, 5, 3), now)).toBe('6 years ago');
    expect(zh.relative(now - 5 * 60_000, now)).toBe('5分钟前');
  });

  it('writes UTC offsets the way EnOS schedules state them', () => {
    expect(en.utcOffset(480)).toBe('UTC+08:00');
    expect(en.utcOffset(-330)).toBe('UTC−05:30');
    expect(en.utcOffset(0)).toBe('UTC');
  });

  it('shows a moment as a clock at a fixed offset, and in named zones', () => {
    const moment = Date.UTC(2020, 5, 3, 2, 0); // 10:00 at UTC+08:00
    expect(en.dateTimeAtOffset(moment, 480)).toBe('Jun 3, 2020, 10:00');
    expect(en.timeAtOffset(moment, -60)).toBe('01:00');
    expect(en.dateTime(moment, 'UTC')).toBe('Jun 3, 2020, 02:00:00 UTC');
    // The tests run in Asia/Shanghai (jest.config.js).
    expect(en.dateTime(moment)).toBe('Jun 3, 2020, 10:00:00 GMT+8');
  });

  describe('one clock per locale: 24-hour, with the zone', () => {
    const afternoon = Date.UTC(2026, 11, 1, 14, 5, 9);
    const earlyMorning = Date.UTC(2026, 11, 1, 2, 5, 9);

    it('writes English times on a 24-hour clock with the zone after the time', () => {
      expect(en.time(afternoon, 'UTC')).toBe('14:05:09 UTC');
      expect(en.time(earlyMorning, 'UTC')).toBe('02:05:09 UTC');
      expect(en.dateTime(afternoon, 'UTC')).toBe('Dec 1, 2026, 14:05:09 UTC');
      expect(en.dateTimeShort(afternoon, 'UTC')).toBe('Dec 1, 2026, 14:05 UTC');
      expect(en.dateTimeShort(earlyMorning, 'UTC')).toBe('Dec 1, 2026, 02:05 UTC');
      expect(en.time(afternoon, 'America/New_York')).toBe('09:05:09 EST');
    });

    it('writes Chinese times on the same 24-hour clock with the zone before the time', () => {
      expect(zh.time(afternoon, 'UTC')).toBe('UTC 14:05:09');
      expect(zh.time(earlyMorning, 'UTC')).toBe('UTC 02:05:09');
      expect(zh.dateTime(afternoon, 'UTC')).toBe('2026年12月1日 UTC 14:05:09');
      expect(zh.dateTimeShort(afternoon, 'UTC')).toBe('2026年12月1日 UTC 14:05');
      expect(zh.time(afternoon, 'Asia/Shanghai')).toBe('GMT+8 22:05:09');
    });

    it("names the viewer's own zone when none is given", () => {
      // The tests run in Asia/Shanghai (jest.config.js).
      expect(en.time(afternoon)).toBe('22:05:09 GMT+8');
      expect(en.dateTimeShort(afternoon)).toBe('Dec 1, 2026, 22:05 GMT+8');
      expect(zh.time(afternoon)).toBe('GMT+8 22:05:09');
      expect(zh.dateTimeShort(afternoon)).toBe('2026年12月1日 GMT+8 22:05');
    });

    it('never mixes in a 12-hour clock', () => {
      for (const formats of [en, zh]) {
        for (const text of [formats.time(afternoon), formats.dateTime(afternoon), formats.dateTimeShort(afternoon)]) {
          expect(text).not.toMatch(/AM|PM|上午|下午/);
        }
      }
    });
  });

  it('joins lists in the language', () => {
    expect(en.list(['1.0', '1.1', '2.0'])).toBe('1.0, 1.1, and 2.0');
    expect(zh.list(['1.0', '2.0'])).toBe('1.0和2.0');
  });

  it('builds each Intl formatter once, on first use, and keeps it (building one is what costs)', () => {
    const built = { number: 0, list: 0, dateTime: 0, relative: 0 };
    const { NumberFormat, ListFormat, DateTimeFormat, RelativeTimeFormat } = Intl;
    const spies = [
      jest.spyOn(Intl, 'NumberFormat').mockImplementation(counting(NumberFormat, () => built.number++)),
      jest.spyOn(Intl, 'ListFormat').mockImplementation(counting(ListFormat, () => built.list++)),
      jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(counting(DateTimeFormat, () => built.dateTime++)),
      jest.spyOn(Intl, 'RelativeTimeFormat').mockImplementation(counting(RelativeTimeFormat, () => built.relative++)),
    ];
    try {
      const formats = new Formats('en');
      expect(built).toEqual({ number: 0, list: 0, dateTime: 0, relative: 0 });
      for (let i = 0; i < 3; i += 1) {
        formats.duration(5400 + i);
        formats.percent(12.5 + i);
        formats.number(i);
        formats.fileSize(2048 * (i + 1));
        formats.dateTime(Date.UTC(2026, 0, 1, i));
        formats.relative(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2 + i));
      }
      // Units hour, minute and second; percent; plain numbers; kilobytes at one fraction digit.
      expect(built).toEqual({ number: 6, list: 1, dateTime: 1, relative: 1 });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

/** A stand-in constructor that counts its calls and builds the real formatter. */
function counting<A extends unknown[], T>(Real: new (...args: A) => T, count: () => void) {
  return ((...args: A) => {
    count();
    return new Real(...args);
  }) as never;
}
