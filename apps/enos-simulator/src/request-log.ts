/**
 * One line per request: when, method, path, operation, HTTP status, EnOS code, injected fault, time.
 * Only the query parameters known to carry ids are shown, so a secret put in a query never reaches a log.
 */
import type { FaultKind } from './fault-spec';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  operation: string;
  /** The HTTP status sent, or `reset` when the connection was cut before an answer. */
  status: number | 'reset';
  enosCode?: number;
  fault?: FaultKind;
  ms: number;
}

const LOGGED_QUERY_PARAMS = ['action', 'orgId', 'jobId', 'firmwareId'];
const MAX_LOGGED_VALUE = 64;

function loggedQuery(query: URLSearchParams): string {
  const shown = LOGGED_QUERY_PARAMS.filter((key) => query.has(key)).map((key) => {
    const value = query.get(key) ?? '';
    return `${key}=${encodeURIComponent(value.length > MAX_LOGGED_VALUE ? `${value.slice(0, MAX_LOGGED_VALUE)}…` : value)}`;
  });
  return shown.length > 0 ? `?${shown.join('&')}` : '';
}

export function formatRequestLogLine(entry: RequestLogEntry, at: Date = new Date()): string {
  const parts = [
    at.toISOString(),
    entry.method,
    entry.path + loggedQuery(entry.query),
    entry.operation,
    String(entry.status),
  ];
  if (entry.enosCode !== undefined) parts.push(`code=${entry.enosCode}`);
  if (entry.fault !== undefined) parts.push(`fault=${entry.fault}`);
  parts.push(`${entry.ms.toFixed(1)}ms`);
  return parts.join(' ');
}
