/**
 * The fault-injection language shared by `POST /__sim/faults`, `RunningSimulator.setFaults` and
 * `ENOS_SIM_FAULTS`, and its parser. Unknown keys are refused rather than ignored: a typo such as
 * `latency` for `latencyMs` must fail loudly, or a test would pass against a healthy upstream.
 */
import { OPERATIONS, isOperationName, type OperationName } from './operations';

/** Which requests a spec applies to: one operation, or `*` for every operation without its own spec. */
export type FaultTarget = OperationName | '*';

interface FaultTrigger {
  /** Probability (0..1) that a matching request gets the fault; default 1. */
  rate?: number;
  /** Apply to the next N requests that get the fault, then stop (latency stays); default unlimited. */
  count?: number;
}

/** One misbehaviour; see README.md for what each kind puts on the wire. */
export type Fault = FaultTrigger &
  (
    | { kind: 'enos-error'; code: number; msg?: string }
    | { kind: 'http-status'; status: number; retryAfterSeconds?: number }
    | { kind: 'connection-reset' }
    | { kind: 'malformed-json' }
    | { kind: 'wrong-content-type'; contentType?: string; status?: number }
    | { kind: 'oversized-body'; bytes?: number }
    | { kind: 'slow-body'; ms?: number }
  );

export type FaultKind = Fault['kind'];

export interface FaultSpec {
  operation?: FaultTarget;
  /** Added before the answer, every matching request. */
  latencyMs?: number;
  /** Extra random delay, uniform in [0, jitterMs). */
  jitterMs?: number;
  fault?: Fault | null;
  /** Expire every issued token now (no operation needed). */
  expireTokensNow?: boolean;
}

export const DEFAULT_OVERSIZED_BYTES = 5 * 1024 * 1024;
export const DEFAULT_SLOW_BODY_MS = 2000;
const MAX_DELAY_MS = 120_000;
const MAX_OVERSIZED_BYTES = 100 * 1024 * 1024;

const KIND_FIELDS: Readonly<Record<FaultKind, readonly string[]>> = {
  'enos-error': ['code', 'msg'],
  'http-status': ['status', 'retryAfterSeconds'],
  'connection-reset': [],
  'malformed-json': [],
  'wrong-content-type': ['contentType', 'status'],
  'oversized-body': ['bytes'],
  'slow-body': ['ms'],
};
const SPEC_FIELDS = ['operation', 'latencyMs', 'jitterMs', 'fault', 'expireTokensNow'];

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function refuseUnknownKeys(where: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0)
    throw new FaultSpecError(
      `${where}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed.join(', ')})`,
    );
}

function integerIn(where: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new FaultSpecError(`${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

function numberIn(where: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new FaultSpecError(`${where} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return value;
}

function optional<T>(value: Record<string, unknown>, key: string, read: (v: unknown) => T): T | undefined {
  return value[key] === undefined ? undefined : read(value[key]);
}

function parseFault(value: unknown): Fault | null {
  if (value === null) return null;
  if (!isObject(value)) throw new FaultSpecError('fault must be an object with a "kind", or null');
  const kind = value['kind'];
  if (typeof kind !== 'string' || !(kind in KIND_FIELDS))
    throw new FaultSpecError(
      `fault.kind must be one of ${Object.keys(KIND_FIELDS).join(', ')}, got ${JSON.stringify(kind)}`,
    );
  const faultKind = kind as FaultKind;
  refuseUnknownKeys(`fault (${faultKind})`, value, ['kind', 'rate', 'count', ...KIND_FIELDS[faultKind]]);
  const trigger: FaultTrigger = {};
  const rate = optional(value, 'rate', (v) => numberIn('fault.rate', v, 0, 1));
  if (rate !== undefined) trigger.rate = rate;
  const count = optional(value, 'count', (v) => integerIn('fault.count', v, 1, Number.MAX_SAFE_INTEGER));
  if (count !== undefined) trigger.count = count;

  switch (faultKind) {
    case 'enos-error': {
      const code = integerIn('fault.code', value['code'], -(2 ** 31), 2 ** 31 - 1);
      if (code === 0) throw new FaultSpecError('fault.code must be a non-zero EnOS code (0 means success)');
      const msg = optional(value, 'msg', (v) => {
        if (typeof v !== 'string') throw new FaultSpecError('fault.msg must be a string');
        return v;
      });
      return { kind: faultKind, code, ...(msg === undefined ? {} : { msg }), ...trigger };
    }
    case 'http-status': {
      const status = integerIn('fault.status', value['status'], 400, 599);
      const retryAfterSeconds = optional(value, 'retryAfterSeconds', (v) =>
        integerIn('fault.retryAfterSeconds', v, 0, 86_400),
      );
      return { kind: faultKind, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), ...trigger };
    }
    case 'wrong-content-type': {
      const contentType = optional(value, 'contentType', (v) => {
        if (typeof v !== 'string' || v.trim() === '' || /[\r\n]/.test(v))
          throw new FaultSpecError('fault.contentType must be a non-empty one-line string');
        return v;
      });
      const status = optional(value, 'status', (v) => integerIn('fault.status', v, 200, 599));
      return {
        kind: faultKind,
        ...(contentType === undefined ? {} : { contentType }),
        ...(status === undefined ? {} : { status }),
        ...trigger,
      };
    }
    case 'oversized-body': {
      const bytes = optional(value, 'bytes', (v) => integerIn('fault.bytes', v, 1, MAX_OVERSIZED_BYTES));
      return { kind: faultKind, ...(bytes === undefined ? {} : { bytes }), ...trigger };
    }
    case 'slow-body': {
      const ms = optional(value, 'ms', (v) => integerIn('fault.ms', v, 1, MAX_DELAY_MS));
      return { kind: faultKind, ...(ms === undefined ? {} : { ms }), ...trigger };
    }
    case 'connection-reset':
    case 'malformed-json':
      return { kind: faultKind, ...trigger };
  }
}

/** Checks one spec; throws {@link FaultSpecError} with a message fit for a 400 answer. */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (!isObject(value)) throw new FaultSpecError('a fault spec must be a JSON object');
  refuseUnknownKeys('fault spec', value, SPEC_FIELDS);
  const spec: FaultSpec = {};
  const expire = value['expireTokensNow'];
  if (expire !== undefined) {
    if (typeof expire !== 'boolean') throw new FaultSpecError('expireTokensNow must be true or false');
    spec.expireTokensNow = expire;
  }
  const operation = value['operation'];
  const configuresOperation = ['latencyMs', 'jitterMs', 'fault'].some((key) => value[key] !== undefined);
  if (operation === undefined) {
    if (configuresOperation || expire === undefined)
      throw new FaultSpecError(`"operation" is required: one of ${[...OPERATIONS, '*'].join(', ')}`);
    return spec;
  }
  if (operation !== '*' && !isOperationName(operation))
    throw new FaultSpecError(
      `operation must be one of ${[...OPERATIONS, '*'].join(', ')}, got ${JSON.stringify(operation)}`,
    );
  spec.operation = operation;
  const latencyMs = optional(value, 'latencyMs', (v) => numberIn('latencyMs', v, 0, MAX_DELAY_MS));
  if (latencyMs !== undefined) spec.latencyMs = latencyMs;
  const jitterMs = optional(value, 'jitterMs', (v) => numberIn('jitterMs', v, 0, MAX_DELAY_MS));
  if (jitterMs !== undefined) spec.jitterMs = jitterMs;
  if (value['fault'] !== undefined) spec.fault = parseFault(value['fault']);
  return spec;
}

/** A request body or `ENOS_SIM_FAULTS` value: one spec or an array of them. */
export function parseFaultSpecs(value: unknown): FaultSpec[] {
  if (!Array.isArray(value)) return [parseFaultSpec(value)];
  return value.map((item, index) => {
    try {
      return parseFaultSpec(item);
    } catch (error) {
      throw new FaultSpecError(`[${index}] ${(error as Error).message}`);
    }
  });
}
