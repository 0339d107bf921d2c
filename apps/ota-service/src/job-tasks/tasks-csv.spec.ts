import type { TaskInfo } from '@enos-ota/ota-contract';
import { parseCsv } from '@enos-ota/ota-contract/testing';
import { CSV_BOM, csvCell, csvFileName, csvHeader, csvRows } from './tasks-csv';

const task = (overrides: Partial<TaskInfo>): TaskInfo => ({
  taskId: 't1',
  jobId: 'j1',
  deviceKey: 'device-00001',
  status: 'failed',
  progress: -1,
  desc: 'download failed',
  fromVersion: '1.0',
  toVersion: '1.1',
  updateTime: Date.UTC(2020, 5, 3, 8, 11, 14, 788),
  productKey: 'pk',
  assetId: 'a1',
  ...overrides,
});

describe('tasks CSV', () => {
  it('starts with a byte order mark and the header line, CRLF-terminated', () => {
    expect(csvHeader()).toBe(
      `${CSV_BOM}deviceKey,status,progress,reason,fromVersion,toVersion,updated,taskId,productKey,assetId\r\n`,
    );
  });

  it('writes a task with UTC ISO times and negative progress as a number', () => {
    expect(csvRows([task({})])).toBe(
      'device-00001,failed,-1,download failed,1.0,1.1,2020-06-03T08:11:14.788Z,t1,pk,a1\r\n',
    );
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['plain', 'plain'],
  ])('neutralises formula text %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks so the row survives a round trip', () => {
    const awkward = task({ desc: 'a, "quoted"\r\nsecond line', deviceKey: '设备-1' });
    const [cells] = parseCsv(csvRows([awkward]));
    expect(cells?.[3]).toBe('a, "quoted"\r\nsecond line');
    expect(cells?.[0]).toBe('设备-1');
    expect(cells).toHaveLength(10);
  });

  it('leaves missing values and unusable times empty', () => {
    const [cells] = parseCsv(csvRows([task({ desc: null, updateTime: null, assetId: undefined })]));
    expect(cells?.[3]).toBe('');
    expect(cells?.[6]).toBe('');
    expect(cells?.[9]).toBe('');
  });

  it('names the file after the job and the status filter', () => {
    expect(csvFileName('j1', undefined)).toBe('ota-tasks-j1.csv');
    expect(csvFileName('j1', 'failed')).toBe('ota-tasks-j1-failed.csv');
  });
});
