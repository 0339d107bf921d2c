import { LineBatch, type LineSink } from './line-batch';

function recordingSink(): LineSink & { writes: string[]; syncFlushes: number } {
  const sink = {
    writes: [] as string[],
    syncFlushes: 0,
    write: (text: string) => sink.writes.push(text),
    flushSync: () => {
      sink.syncFlushes += 1;
    },
  };
  return sink;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('LineBatch', () => {
  it('hands the lines of one event-loop turn to the destination as one write, in order', async () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink);
    batch.write('{"a":1}\n');
    batch.write('{"b":2}\n');
    batch.write('{"c":3}\n');
    expect(sink.writes).toEqual([]);
    await nextTurn();
    expect(sink.writes).toEqual(['{"a":1}\n{"b":2}\n{"c":3}\n']);
    batch.write('{"d":4}\n');
    await nextTurn();
    expect(sink.writes).toEqual(['{"a":1}\n{"b":2}\n{"c":3}\n', '{"d":4}\n']);
  });

  it('writes what it holds at once when flushed synchronously (the process exits)', async () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink);
    batch.write('{"last":true}\n');
    batch.flushSync();
    expect(sink.writes).toEqual(['{"last":true}\n']);
    expect(sink.syncFlushes).toBe(1);
    await nextTurn();
    expect(sink.writes).toHaveLength(1);
  });

  it("answers pino's flush(callback) once the lines are handed over", async () => {
    const sink = recordingSink();
    const batch = new LineBatch(sink);
    batch.write('{"x":1}\n');
    await new Promise<void>((resolve) => batch.flush(() => resolve()));
    expect(sink.writes).toEqual(['{"x":1}\n']);
  });
});
