/**
 * Counters behind `GET /__sim/stats`: requests per operation (so service tests can prove caching and
 * request coalescing) and injected faults.
 */
import type { FaultKind } from './fault-spec';
import { OPERATIONS, type CountedOperation } from './operations';

export interface SimulatorStats {
  /** Requests received per operation, whatever their outcome; every known operation is listed, 0 included. */
  calls: Record<string, number>;
  /** Faults injected (latency alone does not count). */
  faultsInjected: number;
  faultsInjectedByOperation: Record<string, number>;
  faultsInjectedByKind: Partial<Record<FaultKind, number>>;
  /** New access tokens issued (a repeated `token/get` that returns the current token is not counted). */
  tokensIssued: number;
  /** When the counters started (start-up or the last reset), ISO 8601. */
  since: string;
}

export class CallStats {
  private calls = new Map<string, number>();
  private faultsByOperation = new Map<string, number>();
  private faultsByKind = new Map<FaultKind, number>();
  private since = new Date();

  countCall(operation: CountedOperation): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  countFault(operation: CountedOperation, kind: FaultKind): void {
    this.faultsByOperation.set(operation, (this.faultsByOperation.get(operation) ?? 0) + 1);
    this.faultsByKind.set(kind, (this.faultsByKind.get(kind) ?? 0) + 1);
  }

  reset(): void {
    this.calls = new Map();
    this.faultsByOperation = new Map();
    this.faultsByKind = new Map();
    this.since = new Date();
  }

  snapshot(tokensIssued: number): SimulatorStats {
    const calls: Record<string, number> = {};
    for (const operation of OPERATIONS) calls[operation] = 0;
    for (const [operation, count] of this.calls) calls[operation] = count;
    let faultsInjected = 0;
    for (const count of this.faultsByKind.values()) faultsInjected += count;
    return {
      calls,
      faultsInjected,
      faultsInjectedByOperation: Object.fromEntries(this.faultsByOperation),
      faultsInjectedByKind: Object.fromEntries(this.faultsByKind),
      tokensIssued,
      since: this.since.toISOString(),
    };
  }
}
