import type { TaskInfo } from '@enos-ota/ota-contract';

/** Byte order mark: spreadsheets (Excel above all) then read the file as UTF-8, not the local code page. */
export const CSV_BOM = '\uFEFF';

/** Columns of the export, in order: the fields an operator sorts and filters by first. */
const COLUMNS: readonly { readonly header: string; readonly value: (task: TaskInfo) => unknown }[] = [
  { header: 'deviceKey', value: (task) => task.deviceKey },
  { header: 'status', value: (task) => task.status },
  { header: 'progress', value: (task) => numeric(task.progress) },
  { header: 'reason', value: (task) => task.desc },
  { header: 'fromVersion', value: (task) => task.fromVersion },
  { header: 'toVersion', value: (task) => task.toVersion },
  { header: 'updated', value: (task) => isoTime(task.updateTime) },
  { header: 'taskId', value: (task) => task.taskId },
  { header: 'productKey', value: (task) => task.productKey },
  { header: 'assetId', value: (task) => task.assetId },
];

/** EnOS may send a number as text ("-1"): written as the number, not as text a spreadsheet would escape. */
function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function isoTime(value: number | null | undefined): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * One RFC 4180 cell. A text starting with `=`, `+`, `-`, `@`, tab or carriage return would run as a
 * formula in a spreadsheet (CSV injection, OWASP): it gets a leading `'`. Numbers stay numbers, so a
 * negative progress (a failed task) is written as is.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const row = (cells: readonly string[]): string => `${cells.join(',')}\r\n`;

/** The header line, after the byte order mark. */
export function csvHeader(): string {
  return CSV_BOM + row(COLUMNS.map((column) => column.header));
}

/** The lines for a page of tasks. */
export function csvRows(tasks: readonly TaskInfo[]): string {
  let text = '';
  for (const task of tasks) text += row(COLUMNS.map((column) => csvCell(column.value(task))));
  return text;
}

/** `ota-tasks-<jobId>[-<status>].csv`: ids are checked against their patterns, so the name is safe as is. */
export function csvFileName(jobId: string, status: string | undefined): string {
  return `ota-tasks-${jobId}${status ? `-${status}` : ''}.csv`;
}
