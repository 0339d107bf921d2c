/**
 * The EnOS operations the simulator answers, named `<resource>.<action>` so that stats and faults can be
 * keyed the same way whatever the URL looks like (EnOS puts the verb in the `action` query parameter).
 */
export const OPERATIONS = [
  'token.get',
  'token.refresh',
  'ota-jobs.get',
  'ota-jobs.search',
  'ota-jobs.searchTask',
  'ota-firmwares.get',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

/**
 * Where a connect-service request with a missing or unsupported `action` is counted, per resource. It is
 * never a fault target on its own (only `*` reaches it): a client that sends it has a bug the simulator
 * should expose.
 */
export const INVALID_ACTION_OPERATION = 'ota-jobs.invalid-action';
export const INVALID_FIRMWARE_ACTION_OPERATION = 'ota-firmwares.invalid-action';

/** What a request is counted as: a known operation or an invalid-action bucket. */
export type CountedOperation =
  OperationName | typeof INVALID_ACTION_OPERATION | typeof INVALID_FIRMWARE_ACTION_OPERATION;

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

/** Token calls answer in the `{status, msg}` envelope; everything else in the connect-service one. */
export function isTokenOperation(operation: CountedOperation): boolean {
  return operation === 'token.get' || operation === 'token.refresh';
}
