import type { TaskInfo } from '@enos-ota/ota-contract';

/** The most tasks one export collects (50 pages of 200): enough for a large job, bounded for the browser. */
export const EXPORT_CAP = 10_000;
/** EnOS's largest page. */
export const EXPORT_PAGE_SIZE = 200;

/** The columns, named as EnOS names the fields (a file for tools, so not translated). */
export const CSV_COLUMNS = [
  'deviceKey',
  'status',
  'progress',
  'fromVersion',
  'toVersion',
  'updateTime',
  'desc',
  'taskId',
  'assetId',
  'productKey',
  'jobId',
] as const;

/** A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell with one of these must be quoted to stay one cell. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula gets a leading `'`, and a
 * cell with a quote, comma or line break is quoted with its quotes doubled. Numbers stay numbers.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellValue(task: TaskInfo, column: (typeof CSV_COLUMNS)[number]): unknown {
  const value = task[column];
  if (column === 'updateTime' && typeof value === 'number') return new Date(value).toISOString();
  // EnOS may send numbers as decimal strings; they are data, not formulas ("-1" is a failed task).
  if (column === 'progress' && typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** The tasks as a CSV file: a byte order mark (so spreadsheets read UTF-8), a header, CRLF line ends. */
export function tasksCsv(tasks: readonly TaskInfo[]): string {
  const lines = [
    CSV_COLUMNS.join(','),
    ...tasks.map((task) => CSV_COLUMNS.map((c) => csvCell(cellValue(task, c))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `ota-tasks-<jobId>[-<status>].csv`, with anything unsafe in a file name replaced. */
export function csvFileName(jobId: string, status: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
  return `ota-tasks-${safe(jobId)}${status ? `-${safe(status)}` : ''}.csv`;
}
