import { describeContext } from '../../testing/jobs';
import {
  describeMaximumConcurrency,
  describeRetryPolicy,
  describeSchedulePolicy,
  describeUpgradePolicy,
  describeUpgradeRequest,
  describeUpgradeTimeout,
} from './describe-policies';

const ctx = describeContext('en');
const zh = describeContext('zh-CN');

describe('describeUpgradeTimeout', () => {
  it('writes seconds in human units, from numbers or decimal strings', () => {
    expect(describeUpgradeTimeout(7200, ctx)).toEqual({
      value: '2 hours (7,200 s)',
      notes: ['Counted from when a device’s task starts upgrading.'],
    });
    expect(describeUpgradeTimeout('5400', ctx).value).toBe('1 hour, 30 minutes (5,400 s)');
    expect(describeUpgradeTimeout('5400', zh).value).toBe('1小时30分钟（5,400 秒）');
  });

  it('flags values outside the documented range', () => {
    expect(describeUpgradeTimeout(60, ctx).notes).toContain('Outside the range EnOS documents (5 minutes to 2 days).');
    expect(describeUpgradeTimeout(172_800, ctx).notes).toHaveLength(1);
  });

  it('tells absent from null, and gives the default', () => {
    expect(describeUpgradeTimeout(undefined, ctx)).toEqual({
      value: 'Not returned',
      notes: ['EnOS’s default is 2 hours.'],
    });
    expect(describeUpgradeTimeout(null, ctx).value).toBe('Not stated');
  });

  it('shows an unreadable value as sent', () => {
    expect(describeUpgradeTimeout('2h', ctx)).toEqual({
      value: '2h',
      notes: ['Not readable as a number; shown as EnOS sent it.'],
      undocumented: true,
    });
  });
});

describe('describeMaximumConcurrency', () => {
  it('states the limit, or the default when EnOS does not', () => {
    expect(describeMaximumConcurrency('1000', ctx)).toEqual({ value: '1,000 upgrade tasks at a time' });
    expect(describeMaximumConcurrency(null, ctx)).toEqual({
      value: 'Not stated',
      notes: ['EnOS’s default is 300.'],
    });
  });
});

describe('describeUpgradePolicy', () => {
  it('explains snapshot, incremental and null', () => {
    expect(describeUpgradePolicy('snapshot', ctx)).toEqual({
      value: 'Snapshot',
      notes: ['The device list was fixed when the job was created.'],
    });
    expect(describeUpgradePolicy('incremental', ctx)).toEqual({
      value: 'Incremental',
      notes: ['Devices that qualify later join the job.'],
    });
    expect(describeUpgradePolicy(null, ctx)).toEqual({
      value: 'Not stated',
      notes: ['EnOS does not say whether devices that qualify later join the job.'],
    });
  });

  it('shows an undocumented policy as sent', () => {
    expect(describeUpgradePolicy('rolling', ctx)).toMatchObject({ value: 'rolling', undocumented: true });
  });
});

describe('describeUpgradeRequest', () => {
  it('says whether devices may ask for the upgrade', () => {
    expect(describeUpgradeRequest(true, ctx)).toEqual({
      value: 'Allowed',
      notes: ['Devices may ask for this upgrade themselves.'],
    });
    expect(describeUpgradeRequest(false, ctx).value).toBe('Not allowed');
    expect(describeUpgradeRequest(null, ctx)).toEqual({ value: 'Not stated' });
    expect(describeUpgradeRequest('yes', ctx)).toMatchObject({ value: 'yes', undocumented: true });
  });
});

describe('describeRetryPolicy', () => {
  it('says how often and how far apart failed upgrades are retried', () => {
    expect(describeRetryPolicy({ enableRetry: true, retryCount: 3, retryInterval: '10' }, ctx)).toEqual({
      value: 'Retries on',
      lines: ['Failed upgrades are retried up to 3 times, 10 seconds apart.'],
      notes: ['EnOS does not document the unit of retryInterval; seconds are assumed.'],
      undocumented: false,
    });
    expect(describeRetryPolicy({ enableRetry: true, retryCount: '1' }, ctx).lines).toEqual([
      'Failed upgrades are retried up to 1 time.',
    ]);
    expect(describeRetryPolicy({ enableRetry: true, retryInterval: 90 }, ctx).lines).toEqual([
      'Failed upgrades are retried, 1 minute, 30 seconds apart.',
    ]);
    expect(describeRetryPolicy({ enableRetry: true }, ctx).lines).toEqual([
      'Failed upgrades are retried; how often is not stated.',
    ]);
  });

  it('says when there are no retries, keeping any settings visible', () => {
    expect(describeRetryPolicy({ enableRetry: false, retryCount: 3, retryInterval: null }, ctx)).toMatchObject({
      value: 'No retries',
      lines: ['Failed upgrades are not retried.', 'Retry count: 3. Interval: Not stated.'],
    });
  });

  it('shows unreadable and undocumented parts as sent', () => {
    const described = describeRetryPolicy(
      { enableRetry: true, retryCount: 'three', retryInterval: 5, backoff: 2 },
      ctx,
    );
    expect(described.lines).toEqual([
      'Failed upgrades are retried, 5 seconds apart.',
      'Retry count: three. Interval: 5 seconds.',
      'backoff: 2',
    ]);
    expect(described.notes).toContain('Not readable as a number; shown as EnOS sent it.');
    expect(described.undocumented).toBe(true);
    expect(describeRetryPolicy({ enableRetry: null }, ctx)).toMatchObject({
      value: 'Not stated',
      lines: ['Whether failed upgrades are retried is not stated.'],
    });
  });

  it('speaks Chinese', () => {
    expect(describeRetryPolicy({ enableRetry: true, retryCount: 3, retryInterval: '10' }, zh).lines).toEqual([
      '升级失败后最多重试 3 次，间隔 10秒钟。',
    ]);
  });
});

describe('describeSchedulePolicy', () => {
  const start = Date.UTC(2020, 5, 3, 2, 0); // 10:00 at UTC+08:00
  const end = Date.UTC(2020, 5, 10, 4, 30); // 12:30 at UTC+08:00

  it('describes a daily window in the job’s time zone', () => {
    const described = describeSchedulePolicy(
      { isRepeatDaily: true, startTimestamp: start, endTimestamp: String(end), timezoneOffsetInMinutes: 480 },
      ctx,
    );
    expect(described).toEqual({
      value: 'Every day, 10:00 to 12:30 (UTC+08:00)',
      lines: [
        'Upgrades run every day within this window of the day.',
        'Starts Jun 3, 2020, 10:00 (UTC+08:00).',
        'Ends Jun 10, 2020, 12:30 (UTC+08:00).',
      ],
      notes: [
        'Time zone: UTC+08:00 (timezoneOffsetInMinutes 480).',
        'In your time zone: Jun 3, 2020, 10:00:00 GMT+8 to Jun 10, 2020, 12:30:00 GMT+8.',
      ],
      undocumented: false,
    });
  });

  it('describes a one-off window', () => {
    const described = describeSchedulePolicy(
      { isRepeatDaily: false, startTimestamp: start, endTimestamp: end, timezoneOffsetInMinutes: -300 },
      ctx,
    );
    expect(described.value).toBe('Once, Jun 2, 2020, 21:00 to Jun 9, 2020, 23:30 (UTC−05:00)');
    expect(described.lines).toEqual(['Upgrades run once, within this period.']);
  });

  it('says what is not stated, showing times in UTC without a zone', () => {
    const described = describeSchedulePolicy({ isRepeatDaily: null, startTimestamp: start }, ctx);
    expect(described.value).toBe('Jun 3, 2020, 02:00 to Not stated (UTC)');
    expect(described.lines).toEqual([
      'Whether the window repeats daily is not stated.',
      'Starts Jun 3, 2020, 02:00 (UTC).',
      'The end is not stated.',
    ]);
    expect(described.notes).toEqual(['The time zone is not stated; times are shown in UTC.']);
  });

  it('speaks Chinese', () => {
    expect(
      describeSchedulePolicy(
        { isRepeatDaily: true, startTimestamp: start, endTimestamp: end, timezoneOffsetInMinutes: 480 },
        zh,
      ).value,
    ).toBe('每天 10:00 至 12:30（UTC+08:00）');
  });
});
