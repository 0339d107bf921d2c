import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads bare and quoted cells, doubled quotes, and commas and line breaks inside quotes', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n,x\r\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
      ['', 'x'],
    ]);
  });

  it('keeps a last record without its CRLF, and a lone LF inside a cell', () => {
    expect(parseCsv('a\nb,c')).toEqual([['a\nb', 'c']]);
    expect(parseCsv('')).toEqual([]);
  });
});
