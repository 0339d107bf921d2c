import { csvFileName, csvRowCount, withByteOrderMark } from './tasks-csv';

describe('task CSV files', () => {
  it('counts data rows, not line breaks inside quoted cells', () => {
    expect(csvRowCount('deviceKey,status\r\n')).toBe(0);
    expect(csvRowCount('deviceKey,status\r\na,failed\r\n"b ""x""\r\nwing",failed\r\n')).toBe(2);
    expect(csvRowCount('')).toBe(0);
  });

  it('puts the byte order mark back once', () => {
    expect(withByteOrderMark('a\r\n')).toBe('\uFEFFa\r\n');
    expect(withByteOrderMark('\uFEFFa\r\n')).toBe('\uFEFFa\r\n');
  });

  it('names the file after the job and the status filter', () => {
    expect(csvFileName('yourJobId', '')).toBe('ota-tasks-yourJobId.csv');
    expect(csvFileName('yourJobId', 'failed')).toBe('ota-tasks-yourJobId-failed.csv');
    expect(csvFileName('a/b', 'x y')).toBe('ota-tasks-a_b-x_y.csv');
  });
});
