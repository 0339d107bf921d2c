/**
 * Which `action`s of the OTA resources the EnOS-compatible routes answer. Read-only by construction:
 * only these reach a handler, and the handlers can only read; the documented write actions are refused
 * as a permission matter (99403, what EnOS answers an app without the permission), anything else as an
 * invalid argument (99400). Nothing refused here is ever sent to EnOS.
 */
export const OTA_JOB_READS = ['get', 'search', 'searchTask'] as const;
export const FIRMWARE_READS = ['get'] as const;
const KNOWN_WRITES = new Set(['create', 'start', 'stop', 'delete', 'cancelTask', 'retryTask', 'update']);

export type ActionCheck<A extends string> =
  | { kind: 'read'; action: A }
  | { kind: 'missing' }
  | { kind: 'write'; action: string }
  | { kind: 'unknown'; action: string };

export function checkAction<A extends string>(value: unknown, reads: readonly A[]): ActionCheck<A> {
  if (typeof value !== 'string' || value.trim() === '') return { kind: 'missing' };
  if ((reads as readonly string[]).includes(value)) return { kind: 'read', action: value as A };
  return KNOWN_WRITES.has(value) ? { kind: 'write', action: value } : { kind: 'unknown', action: value.slice(0, 64) };
}
