import type { UiLocale } from './locale';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type DurationUnit = 'day' | 'hour' | 'minute' | 'second';
const DURATION_UNITS: readonly [DurationUnit, number][] = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', 1],
];

type RelativeStep = readonly [unit: Intl.RelativeTimeFormatUnit, seconds: number, usedBelowSeconds: number];
const YEARS: RelativeStep = ['year', 365 * DAY, Infinity];
const RELATIVE_STEPS: readonly RelativeStep[] = [
  ['second', 1, 45],
  ['minute', MINUTE, 45 * MINUTE],
  ['hour', HOUR, 22 * HOUR],
  ['day', DAY, 26 * DAY],
  ['month', 30 * DAY, 320 * DAY],
  YEARS,
];

/**
 * One clock rule for every time the app shows, in both languages: 24-hour (`h23`), because operators
 * compare these times with logs and EnOS, which are 24-hour, and English would otherwise switch between
 * `2:05 PM` and `14:05`; and a time in the viewer's zone always names that zone (the browser's short name:
 * `14:05:09 UTC`, `GMT+8`, `EDT`), because a bare time read out or pasted elsewhere is ambiguous. Where
 * the zone goes is the language's own habit (`UTC 14:05:09` in Chinese). Times at a fixed UTC offset
 * leave the zone to the caller, who writes the offset as EnOS states it.
 */
type DateTimeStyle = 'long' | 'short' | 'time' | 'at-offset' | 'time-at-offset';
const DATE_TIME_STYLES: Readonly<Record<DateTimeStyle, Intl.DateTimeFormatOptions>> = {
  long: { dateStyle: 'medium', timeStyle: 'long', hourCycle: 'h23' },
  // `timeStyle` cannot drop the seconds and keep the zone, so the minute-precise form is spelled out.
  short: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
  time: { timeStyle: 'long', hourCycle: 'h23' },
  'at-offset': { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
  'time-at-offset': { timeStyle: 'short', hourCycle: 'h23' },
};

type Formatter = Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat;

/**
 * Dates, durations, numbers and lists for one UI locale, on the browser's Intl (nothing shipped).
 * Building an Intl formatter is costly (the first one of a page loads the locale's data, tens of
 * milliseconds on a phone) while using one is cheap: each is built on first use and kept.
 */
export class Formats {
  private readonly formatters = new Map<string, Formatter>();

  constructor(readonly locale: UiLocale) {}

  number(value: number): string {
    return this.numberFormat('number', {}).format(value);
  }

  /** A percentage given as 0..100: `45%`, `12.5%`. */
  percent(value: number): string {
    return this.numberFormat('percent', { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  }

  /** Bytes in the largest binary unit that keeps the number at least 1: `1 MB` for 1,048,576 (KB = 1,024 B). */
  fileSize(bytes: number): string {
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
    let value = Math.abs(bytes);
    let index = 0;
    while (value >= 1024 && index < units.length - 1) {
      value /= 1024;
      index += 1;
    }
    const fractionDigits = value < 10 && index > 0 ? 1 : 0;
    return this.numberFormat(`size|${index}|${fractionDigits}`, {
      style: 'unit',
      unit: units[index],
      unitDisplay: index === 0 ? 'long' : 'short',
      maximumFractionDigits: fractionDigits,
    }).format(Math.sign(bytes) * value);
  }

  /** `1.0 and 2.0` / `1.0和2.0`. */
  list(items: readonly string[], type: 'conjunction' | 'unit' = 'conjunction'): string {
    return this.cached(`list|${type}`, () => new Intl.ListFormat(this.locale, { type, style: 'long' })).format(items);
  }

  /** Date and time with seconds and the zone: the viewer's own zone unless `timeZone` is given. */
  dateTime(epochMs: number, timeZone?: string): string {
    return this.dateTimeFormat('long', timeZone).format(epochMs);
  }

  /** Date and time to the minute with the zone, in the viewer's zone: for tables. */
  dateTimeShort(epochMs: number, timeZone?: string): string {
    return this.dateTimeFormat('short', timeZone).format(epochMs);
  }

  /** Time of day with seconds and the zone, in the viewer's zone unless `timeZone` is given. */
  time(epochMs: number, timeZone?: string): string {
    return this.dateTimeFormat('time', timeZone).format(epochMs);
  }

  /**
   * Date and time as a clock at a fixed UTC offset shows it, without a zone name (the caller adds
   * `utcOffset`). EnOS schedules carry an offset, not a named zone.
   */
  dateTimeAtOffset(epochMs: number, offsetMinutes: number): string {
    return this.dateTimeFormat('at-offset', 'UTC').format(epochMs + offsetMinutes * 60_000);
  }

  /** Time of day only, at a fixed UTC offset. */
  timeAtOffset(epochMs: number, offsetMinutes: number): string {
    return this.dateTimeFormat('time-at-offset', 'UTC').format(epochMs + offsetMinutes * 60_000);
  }

  /** `UTC+08:00`, `UTC−05:30`, `UTC`. */
  utcOffset(offsetMinutes: number): string {
    if (offsetMinutes === 0) return 'UTC';
    const sign = offsetMinutes > 0 ? '+' : '−';
    const abs = Math.abs(offsetMinutes);
    const hours = String(Math.floor(abs / 60)).padStart(2, '0');
    const minutes = String(abs % 60).padStart(2, '0');
    return `UTC${sign}${hours}:${minutes}`;
  }

  /** `5 minutes ago`, `in 2 days`, `now`. */
  relative(epochMs: number, nowMs: number): string {
    const seconds = (epochMs - nowMs) / 1000;
    const abs = Math.abs(seconds);
    const step = RELATIVE_STEPS.find(([, , below]) => abs < below) ?? YEARS;
    const [unit, length] = step;
    const format = this.cached('relative', () => new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' }));
    return format.format(Math.round(seconds / length), unit);
  }

  /** A duration in seconds as the largest whole units: `2 hours`, `1 hour, 30 minutes`, `45 seconds`. */
  duration(totalSeconds: number): string {
    let rest = Math.round(Math.abs(totalSeconds));
    const parts: string[] = [];
    for (const [unit, length] of DURATION_UNITS) {
      const count = Math.floor(rest / length);
      rest -= count * length;
      if (count > 0) parts.push(this.unit(unit).format(count));
    }
    if (parts.length === 0) parts.push(this.unit('second').format(0));
    const text = this.list(parts, 'unit');
    return totalSeconds < 0 ? `−${text}` : text;
  }

  /**
   * Builds the formatters the data pages' first screens use (see `I18n.prepareFormats`): dates, numbers,
   * percentages, "5 seconds ago" and the refresh intervals' durations.
   */
  prepare(): void {
    const epoch = 0;
    this.dateTime(epoch);
    this.dateTimeShort(epoch);
    this.number(0);
    this.percent(0);
    this.relative(epoch, epoch);
    this.duration(HOUR + MINUTE + 1);
  }

  private unit(unit: DurationUnit): Intl.NumberFormat {
    return this.numberFormat(`unit|${unit}`, { style: 'unit', unit, unitDisplay: 'long' });
  }

  private numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    return this.cached(key, () => new Intl.NumberFormat(this.locale, options));
  }

  private cached<T extends Formatter>(key: string, create: () => T): T {
    let format = this.formatters.get(key) as T | undefined;
    if (!format) {
      format = create();
      this.formatters.set(key, format);
    }
    return format;
  }

  private dateTimeFormat(style: DateTimeStyle, timeZone?: string): Intl.DateTimeFormat {
    const options = DATE_TIME_STYLES[style];
    return this.cached(
      `dateTime|${style}|${timeZone ?? ''}`,
      () => new Intl.DateTimeFormat(this.locale, timeZone ? { ...options, timeZone } : options),
    );
  }
}
