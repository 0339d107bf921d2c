import type { RetryPolicy, SchedulePolicy } from '@enos-ota/ota-contract';
import type { DescribeContext, FieldRow } from './job-description';
import { type LenientNumber, extraEntries, rawText, readLenientNumber } from './lenient-values';

/** The parts of a row a describer decides; the caller adds the field name and label. */
export type Described = Pick<FieldRow, 'value' | 'lines' | 'notes' | 'undocumented'>;

/** EnOS's documented defaults and limits (docs/enos.md section 2, JobInfo). */
export const DEFAULT_UPGRADE_TIMEOUT_SECONDS = 7200;
export const UPGRADE_TIMEOUT_MIN_SECONDS = 300;
export const UPGRADE_TIMEOUT_MAX_SECONDS = 172_800;
export const DEFAULT_MAXIMUM_CONCURRENCY = 300;

const RETRY_FIELDS = ['enableRetry', 'retryInterval', 'retryCount'] as const satisfies readonly (keyof RetryPolicy)[];
const SCHEDULE_FIELDS = [
  'isRepeatDaily',
  'startTimestamp',
  'endTimestamp',
  'timezoneOffsetInMinutes',
] as const satisfies readonly (keyof SchedulePolicy)[];

/** `Not returned` for an absent field, `Not stated` for null, else null. */
export function missingText(value: unknown, { t }: DescribeContext): string | null {
  if (value === undefined) return t.values.notReturned;
  if (value === null) return t.values.notStated;
  return null;
}

export function describeUpgradeTimeout(value: unknown, ctx: DescribeContext): Described {
  const { t, formats } = ctx;
  const timeout = t.values.timeout;
  const seconds = readLenientNumber(value);
  if (seconds.state === 'missing') {
    return {
      value: missingText(value, ctx) ?? t.values.notStated,
      notes: [timeout.byDefault(formats.duration(DEFAULT_UPGRADE_TIMEOUT_SECONDS))],
    };
  }
  if (seconds.state === 'unreadable') return unreadable(seconds, ctx);
  const outOfRange = seconds.value < UPGRADE_TIMEOUT_MIN_SECONDS || seconds.value > UPGRADE_TIMEOUT_MAX_SECONDS;
  return {
    value: timeout.value(formats.duration(seconds.value), formats.number(seconds.value)),
    notes: outOfRange ? [timeout.note, timeout.outOfRange] : [timeout.note],
  };
}

export function describeMaximumConcurrency(value: unknown, ctx: DescribeContext): Described {
  const { t, formats } = ctx;
  const count = readLenientNumber(value);
  if (count.state === 'missing') {
    return {
      value: missingText(value, ctx) ?? t.values.notStated,
      notes: [t.values.concurrency.byDefault(formats.number(DEFAULT_MAXIMUM_CONCURRENCY))],
    };
  }
  if (count.state === 'unreadable') return unreadable(count, ctx);
  return { value: t.values.concurrency.value(formats.number(count.value)) };
}

export function describeUpgradePolicy(value: unknown, ctx: DescribeContext): Described {
  const policy = ctx.t.values.upgradePolicy;
  if (value === 'snapshot') return { value: policy.snapshot, notes: [policy.snapshotNote] };
  if (value === 'incremental') return { value: policy.incremental, notes: [policy.incrementalNote] };
  const missing = missingText(value, ctx);
  if (missing !== null) return { value: missing, notes: [policy.notStatedNote] };
  return undocumentedValue(value, ctx);
}

export function describeUpgradeRequest(value: unknown, ctx: DescribeContext): Described {
  const request = ctx.t.values.upgradeRequest;
  if (value === true) return { value: request.yes, notes: [request.yesNote] };
  if (value === false) return { value: request.no, notes: [request.noNote] };
  const missing = missingText(value, ctx);
  return missing !== null ? { value: missing } : undocumentedValue(value, ctx);
}

export function describeRetryPolicy(policy: Record<string, unknown>, ctx: DescribeContext): Described {
  const { t, formats } = ctx;
  const r = t.values.retry;
  const enable = policy['enableRetry'];
  const count = readLenientNumber(policy['retryCount']);
  const interval = readLenientNumber(policy['retryInterval']);
  const intervalText = interval.state === 'number' ? formats.duration(interval.value) : lenientText(interval, ctx);
  const countText = count.state === 'number' ? formats.number(count.value) : lenientText(count, ctx);
  const anySetting = count.state !== 'missing' || interval.state !== 'missing';
  const details = anySetting ? [r.details(countText, intervalText)] : [];

  let value: string;
  const lines: string[] = [];
  const notes: string[] = [];
  let undocumented = false;
  if (enable === true) {
    value = r.on;
    if (count.state === 'number' && interval.state === 'number') {
      lines.push(r.countAndInterval(count.value, intervalText));
    } else if (count.state === 'number') {
      lines.push(r.countOnly(count.value), ...(interval.state === 'unreadable' ? details : []));
    } else if (interval.state === 'number') {
      lines.push(r.intervalOnly(intervalText), ...(count.state === 'unreadable' ? details : []));
    } else {
      lines.push(r.unspecified, ...details);
    }
  } else if (enable === false) {
    value = r.off;
    lines.push(r.offNote, ...details);
  } else {
    value = missingText(enable, ctx) ?? rawText(enable);
    lines.push(r.unknownSwitch, ...details);
    if (enable !== undefined && enable !== null) {
      undocumented = true;
      notes.push(t.values.undocumentedValue);
    }
  }
  if (interval.state !== 'missing') notes.push(r.intervalUnit);
  if (count.state === 'unreadable' || interval.state === 'unreadable') notes.push(t.values.unreadable);
  undocumented = addExtras(policy, RETRY_FIELDS, lines, ctx) || undocumented;
  return { value, lines, notes, undocumented };
}

export function describeSchedulePolicy(policy: Record<string, unknown>, ctx: DescribeContext): Described {
  const { t, formats } = ctx;
  const s = t.values.schedule;
  const offset = readLenientNumber(policy['timezoneOffsetInMinutes']);
  const offsetMinutes = offset.state === 'number' ? offset.value : 0;
  const zone = formats.utcOffset(offsetMinutes);
  const start = readLenientNumber(policy['startTimestamp']);
  const end = readLenientNumber(policy['endTimestamp']);
  const repeat = policy['isRepeatDaily'];

  const at = (moment: LenientNumber, timeOnly: boolean) =>
    moment.state === 'number'
      ? timeOnly
        ? formats.timeAtOffset(moment.value, offsetMinutes)
        : formats.dateTimeAtOffset(moment.value, offsetMinutes)
      : lenientText(moment, ctx);
  const startLine = start.state === 'missing' ? s.noStart : s.starts(at(start, false), zone);
  const endLine = end.state === 'missing' ? s.noEnd : s.ends(at(end, false), zone);

  let value: string;
  const lines: string[] = [];
  const notes: string[] = [];
  let undocumented = false;
  if (repeat === true) {
    value = s.daily(s.window(at(start, true), at(end, true), zone));
    lines.push(s.dailyNote, startLine, endLine);
  } else if (repeat === false) {
    value = s.once(s.window(at(start, false), at(end, false), zone));
    lines.push(s.onceNote);
  } else {
    value = s.window(at(start, false), at(end, false), zone);
    lines.push(s.repeatNotStated, startLine, endLine);
    if (repeat !== undefined && repeat !== null) {
      undocumented = true;
      lines.push(t.values.extra('isRepeatDaily', rawText(repeat)));
    }
  }

  notes.push(offset.state === 'number' ? s.zone(zone, formats.number(offset.value)) : s.zoneNotStated);
  if (start.state === 'number' && end.state === 'number') {
    notes.push(s.yourTime(formats.dateTime(start.value), formats.dateTime(end.value)));
  }
  if ([offset, start, end].some((moment) => moment.state === 'unreadable')) notes.push(t.values.unreadable);
  undocumented = addExtras(policy, SCHEDULE_FIELDS, lines, ctx) || undocumented;
  return { value, lines, notes, undocumented };
}

/** A value outside the documented set, shown as sent. */
export function undocumentedValue(value: unknown, ctx: DescribeContext): Described {
  return { value: rawText(value), notes: [ctx.t.values.undocumentedValue], undocumented: true };
}

function unreadable(value: Extract<LenientNumber, { state: 'unreadable' }>, ctx: DescribeContext): Described {
  return { value: rawText(value.raw), notes: [ctx.t.values.unreadable], undocumented: true };
}

function lenientText(value: LenientNumber, ctx: DescribeContext): string {
  if (value.state === 'number') return ctx.formats.number(value.value);
  return value.state === 'unreadable' ? rawText(value.raw) : ctx.t.values.notStated;
}

/** Appends a line per undocumented key of a struct; true when there was one. */
function addExtras(
  struct: Record<string, unknown>,
  known: readonly string[],
  lines: string[],
  { t }: DescribeContext,
): boolean {
  const extras = extraEntries(struct, known);
  for (const [key, value] of extras) lines.push(t.values.extra(key, rawText(value)));
  return extras.length > 0;
}
