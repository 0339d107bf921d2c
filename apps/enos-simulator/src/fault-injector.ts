/**
 * Holds the fault configuration per operation and decides, request by request, how long to wait and
 * which fault (if any) to inject. A spec for a named operation replaces that operation's previous one
 * and wins over the `*` spec; `*` covers every operation without a spec of its own.
 */
import type { Fault, FaultSpec, FaultTarget } from './fault-spec';
import type { CountedOperation } from './operations';

export interface FaultConfig {
  latencyMs: number;
  jitterMs: number;
  fault: Fault | null;
  /** How many more times the fault may fire; null = no limit. */
  remaining: number | null;
}

export interface FaultPlan {
  delayMs: number;
  fault: Fault | null;
}

export class FaultInjector {
  private readonly configs = new Map<FaultTarget, FaultConfig>();

  /** `random` is injectable so the rate logic can be tested without statistics. */
  constructor(private readonly random: () => number = Math.random) {}

  /** Installs `spec` for its operation (a spec without latency or fault clears that operation). */
  configure(spec: FaultSpec): void {
    if (spec.operation === undefined) return;
    const config: FaultConfig = {
      latencyMs: spec.latencyMs ?? 0,
      jitterMs: spec.jitterMs ?? 0,
      fault: spec.fault ?? null,
      remaining: spec.fault?.count ?? null,
    };
    if (config.latencyMs === 0 && config.jitterMs === 0 && config.fault === null) this.configs.delete(spec.operation);
    else this.configs.set(spec.operation, config);
  }

  clear(): void {
    this.configs.clear();
  }

  /** The configuration in force, keyed by operation (copies: callers cannot change the injector). */
  snapshot(): Record<string, FaultConfig> {
    const result: Record<string, FaultConfig> = {};
    for (const [target, config] of this.configs) result[target] = { ...config };
    return result;
  }

  /** Decides the fate of one request; a fault with a count is used up as it fires. */
  plan(operation: CountedOperation): FaultPlan {
    const config = this.configs.get(operation as FaultTarget) ?? this.configs.get('*');
    if (!config) return { delayMs: 0, fault: null };
    const delayMs = config.latencyMs + (config.jitterMs > 0 ? this.random() * config.jitterMs : 0);
    const { fault } = config;
    if (!fault || config.remaining === 0) return { delayMs, fault: null };
    const rate = fault.rate ?? 1;
    if (rate < 1 && this.random() >= rate) return { delayMs, fault: null };
    if (config.remaining !== null) config.remaining -= 1;
    return { delayMs, fault };
  }
}
