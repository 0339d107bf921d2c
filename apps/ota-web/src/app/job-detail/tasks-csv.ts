/** The most tasks one export holds: the service refuses larger ones (`export_too_large`). */
export const EXPORT_CAP = 100_000;

/** Byte order mark: spreadsheets then read the file as UTF-8. Text decoding drops it, so it is put back. */
const BOM = '\uFEFF';

export function withByteOrderMark(text: string): string {
  return text.startsWith(BOM) ? text : `${BOM}${text}`;
}

/**
 * Data rows in a CSV file from the service: records after the header. Line breaks inside quoted
 * cells do not end a record, so a reason spanning lines counts once.
 */
export function csvRowCount(text: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n' && !quoted) records += 1;
  }
  return Math.max(0, records - 1);
}

/** `ota-tasks-<jobId>[-<status>].csv`, with anything unsafe in a file name replaced (the service names it alike). */
export function csvFileName(jobId: string, status: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_');
  return `ota-tasks-${safe(jobId)}${status ? `-${safe(status)}` : ''}.csv`;
}
