import { Readable } from 'node:stream';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { SearchPage } from '../enos/enos-ota-client';
import { csvHeader, csvRows } from './tasks-csv';

/**
 * The file as a stream that pages EnOS only as fast as the client reads: it holds one page ahead at
 * most (so an export's memory stays bounded whatever the client's speed), and once destroyed or once
 * `stop` fires it asks for no further page.
 */
export function csvStream(
  first: SearchPage<TaskInfo>,
  total: number,
  fetchPage: (pageNo: number) => Promise<SearchPage<TaskInfo>>,
  stop: AbortSignal,
): Readable {
  return Readable.from(csvChunks(first, total, fetchPage, stop), { highWaterMark: 1 });
}

/** The file, a page at a time: header and first page at once, then each further page as EnOS answers. */
async function* csvChunks(
  first: SearchPage<TaskInfo>,
  total: number,
  fetchPage: (pageNo: number) => Promise<SearchPage<TaskInfo>>,
  stop: AbortSignal,
): AsyncGenerator<string> {
  yield csvHeader() + csvRows(first.items);
  let written = first.items.length;
  for (let pageNo = 2; written < total && !stop.aborted; pageNo += 1) {
    const page = await fetchPage(pageNo);
    // A job that shrank while exporting ends the file early; one that grew stays within its first total.
    const items = page.items.slice(0, total - written);
    if (items.length === 0) return;
    written += items.length;
    yield csvRows(items);
  }
}
