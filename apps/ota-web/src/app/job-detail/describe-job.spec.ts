import { describeContext, fullJob, vendorSampleJob } from '../../testing/jobs';
import { DOCUMENTED_JOB_FIELDS, describeJob } from './describe-job';
import type { FieldRow, JobDescription } from './job-description';

function rows(description: JobDescription): Map<string, FieldRow> {
  return new Map(description.sections.flatMap((section) => section.rows.map((row) => [row.field, row] as const)));
}

describe('describeJob', () => {
  const ctx = describeContext('en');

  it("describes every field of the vendor's sample", () => {
    const job = vendorSampleJob();
    const description = describeJob(job, ctx);
    expect(description.title).toBe('name');
    expect(description.status).toEqual({ text: 'Started', tone: 'positive' });
    expect(description.type).toEqual({ text: 'Upgrade', tone: 'info' });
    expect(description.sections.map((section) => section.id)).toEqual([
      'overview',
      'firmware',
      'devices',
      'rollout',
      'deprecated',
    ]);

    const byField = rows(description);
    for (const key of Object.keys(job)) expect(byField.has(key)).toBe(true);
    expect(byField.get('jobId')).toMatchObject({ label: 'Job ID', value: 'yourJobId', mono: true });
    expect(byField.get('name')).toMatchObject({ value: 'name', lines: [], notes: [] });
    expect(byField.get('createTime')).toEqual({
      field: 'createTime',
      label: 'Created',
      value: 'Jun 3, 2020, 16:01:14 GMT+8',
      lines: ['UTC: Jun 3, 2020, 08:01:14 UTC', 'That is 5 minutes ago.'],
    });
    expect(byField.get('productKey')).toMatchObject({ value: 'yourProductKey', mono: true });
    expect(byField.get('firmwareVersion')).toEqual({
      field: 'firmwareVersion',
      label: 'Firmware version',
      value: 'Not returned',
      notes: ['EnOS returns this field from version 2.4.0 on.'],
    });
    expect(byField.get('upgradeScope')?.value).toBe('All devices on firmware version 1.0.');
    expect(byField.get('upgradePolicy')?.value).toBe('Not stated');
    expect(byField.get('retryPolicy')?.value).toBe('Not returned');
    expect(byField.get('startSchedule')).toMatchObject({ value: 'null', deprecated: true });
    expect(byField.get('endSchedule')).toMatchObject({ value: 'null', deprecated: true });
  });

  it('describes a job with every documented field set', () => {
    const byField = rows(describeJob(fullJob(), ctx));
    expect([...byField.keys()].sort()).toEqual(
      [...DOCUMENTED_JOB_FIELDS].filter((f) => !f.endsWith('Schedule')).sort(),
    );
    expect(byField.get('name')).toMatchObject({
      value: 'Inverter upgrade 2.0',
      lines: ['zh_CN: 逆变器升级', 'default: Inverter upgrade'],
    });
    expect(byField.get('firmwareName')).toMatchObject({
      value: 'Inverter firmware',
      lines: ['zh_CN: 逆变器固件'],
      notes: ['No name in this language; showing the default name.'],
    });
    expect(byField.get('productKey')).toEqual({
      field: 'productKey',
      label: 'Product key',
      value: 'Not stated',
      notes: [
        'EnOS does not return the product key for jobs on new firmware files; the firmware record names the product.',
      ],
    });
    expect(byField.get('upgradeTimeout')?.value).toBe('1 hour, 30 minutes (5,400 s)');
    expect(byField.get('maximumConcurrency')?.value).toBe('100 upgrade tasks at a time');
    expect(byField.get('retryPolicy')?.lines).toEqual(['Failed upgrades are retried up to 3 times, 10 seconds apart.']);
    expect(byField.get('schedulePolicy')?.value).toBe('Every day, 10:00 to 14:00 (UTC+08:00)');
    expect(byField.get('upgradePolicy')?.value).toBe('Incremental');
    expect(byField.get('enableUpgradeRequest')?.value).toBe('Not allowed');
  });

  it('explains that EnOS leaves out the product key for new firmware files', () => {
    const { productKey: _omitted, ...job } = vendorSampleJob();
    expect(rows(describeJob(job, ctx)).get('productKey')).toMatchObject({
      value: 'Not returned',
      notes: [expect.stringContaining('does not return the product key')],
    });
  });

  it('keeps undocumented fields and enum values, as sent', () => {
    const description = describeJob(
      {
        ...vendorSampleJob(),
        status: 'paused',
        type: 7 as unknown as string,
        upgradePolicy: 'rolling',
        wave: { n: 2 },
        note: 'hi',
      },
      ctx,
    );
    expect(description.status).toEqual({ text: 'paused', tone: 'unknown' });
    expect(description.type).toEqual({ text: '7', tone: 'unknown' });
    const other = description.sections.find((section) => section.id === 'other');
    expect(other?.rows).toEqual([
      {
        field: 'wave',
        label: 'wave',
        value: '{\n  "n": 2\n}',
        mono: true,
        pre: true,
        notes: ['Not a documented field; shown as EnOS sent it.'],
        undocumented: true,
      },
      expect.objectContaining({ field: 'note', value: '"hi"' }),
    ]);
    const byField = rows(description);
    expect(byField.get('status')).toMatchObject({ value: 'paused', undocumented: true });
    expect(byField.get('upgradePolicy')).toMatchObject({ value: 'rolling', undocumented: true });
  });

  it('omits deprecated fields EnOS did not send, and shows their values when it did', () => {
    const { startSchedule: _s, endSchedule: _e, ...job } = vendorSampleJob();
    const withoutThem = describeJob(job, ctx);
    expect(withoutThem.sections.map((section) => section.id)).not.toContain('deprecated');
    const withValue = rows(describeJob({ ...job, startSchedule: { at: 1 } }, ctx));
    expect(withValue.get('startSchedule')).toMatchObject({ value: '{"at":1}', deprecated: true });
  });

  it('copes with a job that has only its ids', () => {
    const description = describeJob({ orgId: 'o1', jobId: 'j1' }, ctx);
    expect(description.title).toBe('Unnamed job');
    expect(description.status).toEqual({ text: 'Not returned', tone: 'neutral' });
    expect(rows(description).get('upgradeScope')?.value).toBe('Not returned');
  });

  it('speaks Chinese, preferring the zh_CN name', () => {
    const description = describeJob(fullJob(), describeContext('zh-CN'));
    expect(description.title).toBe('逆变器升级');
    expect(description.status).toEqual({ text: '已停止', tone: 'neutral' });
    expect(description.sections.map((section) => section.title)).toEqual(['概览', '固件', '设备', '执行策略']);
    expect(rows(description).get('upgradeScope')?.lines?.[0]).toBe('固件版本为 1.0和1.1 的设备。');
  });
});
