import { task } from '../../testing/jobs';
import { csvCell, csvFileName, tasksCsv } from './tasks-csv';

/** Splits CSV text into rows of cells, honouring quotes (a minimal RFC 4180 reader, for the checks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}

describe('task CSV', () => {
  it('quotes cells with quotes, commas and line breaks so each stays one cell', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvCell("x' or status = 'stopped")).toBe("x' or status = 'stopped");
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\r=1', `"'\r=1"`],
  ])('neutralises a cell a spreadsheet would run as a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes a header and one row per task that reads back as the same cells', () => {
    const tricky = task({
      taskId: 't2',
      deviceKey: 'meter "7", east\nwing',
      status: 'failed',
      progress: '-1',
      desc: '=cmd|" /C calc"!A0',
      updateTime: Date.UTC(2020, 5, 3, 8, 11, 14, 788),
    });
    const csv = tasksCsv([task(), tricky]);
    expect(csv.startsWith('\uFEFFdeviceKey,status,progress,fromVersion,toVersion,updateTime,desc,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.length === 11)).toBe(true);
    expect(rows[2]).toEqual([
      'meter "7", east\nwing',
      'failed',
      '-1',
      '1.0',
      '1.1',
      '2020-06-03T08:11:14.788Z',
      `'=cmd|" /C calc"!A0`,
      't2',
      'asset-1',
      'yourProductKey',
      'yourJobId',
    ]);
  });

  it('names the file after the job and the status filter', () => {
    expect(csvFileName('yourJobId', '')).toBe('ota-tasks-yourJobId.csv');
    expect(csvFileName('yourJobId', 'failed')).toBe('ota-tasks-yourJobId-failed.csv');
    expect(csvFileName('a/b', 'x y')).toBe('ota-tasks-a_b-x_y.csv');
  });
});
