import type { DestinationStream } from 'pino';

/** What the batch writes to: pino's asynchronous stdout destination (sonic-boom). */
export interface LineSink {
  write(text: string): unknown;
  flushSync(): void;
  flush?(callback: (error?: Error) => void): void;
}

/** Every batch still alive, written out when the process exits (one listener for them all). */
const open = new Set<WeakRef<LineBatch>>();
process.once('exit', () => {
  for (const batch of open) batch.deref()?.flushSync();
});

/**
 * Gathers the log lines of one event-loop turn and hands them to the destination as one string. The
 * asynchronous destination (sonic-boom) measures its pending text with `Buffer.byteLength` on every
 * write: while a write is in flight, each new line re-flattens everything queued behind it, which
 * under load cost more allocation than building the lines (bench/ANALYSIS.md). Joined here, it sees
 * one write per turn. Lines still gathered when the process exits are written synchronously.
 */
export class LineBatch implements DestinationStream {
  private lines: string[] = [];

  constructor(private readonly sink: LineSink) {
    open.add(new WeakRef(this));
  }

  write(line: string): void {
    if (this.lines.push(line) === 1) setImmediate(this.handOver);
  }

  /** pino's `logger.flush(callback)`: hands the gathered lines over, then lets the destination flush. */
  flush(callback?: (error?: Error) => void): void {
    this.handOver();
    if (!callback) return;
    if (this.sink.flush) this.sink.flush(callback);
    else callback();
  }

  /** Writes everything gathered and queued, synchronously: for the moment the process exits. */
  flushSync(): void {
    this.handOver();
    try {
      this.sink.flushSync();
    } catch {
      // A destination already closed (or never opened) has nothing left to write.
    }
  }

  /** Hands the gathered lines to the destination as one string (once per turn, from setImmediate). */
  private readonly handOver = (): void => {
    const { lines } = this;
    if (lines.length === 0) return;
    this.lines = [];
    this.sink.write(lines.length === 1 ? (lines[0] as string) : lines.join(''));
  };
}
