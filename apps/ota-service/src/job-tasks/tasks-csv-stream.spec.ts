import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { SearchPage } from '../enos/enos-ota-client';
import { csvStream } from './tasks-csv-stream';

const PAGE = 200;
const TOTAL = 10_000;

function page(pageNo: number): SearchPage<TaskInfo> {
  const items = Array.from({ length: PAGE }, (_, i) => ({ deviceKey: `d-${(pageNo - 1) * PAGE + i}` }) as TaskInfo);
  return { items, pagination: { pageNo, pageSize: PAGE, totalSize: TOTAL } };
}

/** A fake EnOS that answers at once and counts the pages asked for. */
function pager() {
  const asked: number[] = [];
  return { asked, fetchPage: (pageNo: number) => (asked.push(pageNo), Promise.resolve(page(pageNo))) };
}

/** A client that takes one chunk and never reads again: its write never completes. */
const stalledClient = () => new Writable({ highWaterMark: 1, write: () => undefined });

async function settle(turns = 50): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await nextTurn();
}

describe('csvStream', () => {
  it('pages EnOS only as fast as the client reads: a stalled client holds it at one page ahead', async () => {
    const { asked, fetchPage } = pager();
    const body = csvStream(page(1), TOTAL, fetchPage, new AbortController().signal);
    body.pipe(stalledClient());
    await settle();
    expect(asked).toEqual([2]);
    expect(body.readableEnded).toBe(false);
    body.destroy();
  });

  it('asks for no further page once destroyed (the client left)', async () => {
    const { asked, fetchPage } = pager();
    const body = csvStream(page(1), TOTAL, fetchPage, new AbortController().signal);
    body.pipe(stalledClient());
    await settle();
    const before = asked.length;
    body.destroy();
    await settle();
    expect(asked).toHaveLength(before);
    expect(body.destroyed).toBe(true);
  });

  it('stops paging when the signal fires, even while the client keeps reading', async () => {
    const { asked, fetchPage } = pager();
    const stop = new AbortController();
    const body = csvStream(page(1), TOTAL, fetchPage, stop.signal);
    let chunks = 0;
    body.on('data', () => {
      chunks += 1;
      if (chunks === 3) stop.abort();
    });
    await new Promise((resolve) => body.on('end', resolve));
    expect(asked.length).toBeLessThanOrEqual(3);
  });

  it('reads to the last row when nothing stops it', async () => {
    const { asked, fetchPage } = pager();
    let text = '';
    for await (const chunk of csvStream(page(1), TOTAL, fetchPage, new AbortController().signal)) text += chunk;
    expect(text.split('\r\n')).toHaveLength(TOTAL + 2);
    expect(asked).toHaveLength(TOTAL / PAGE - 1);
  });
});
