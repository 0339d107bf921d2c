import type { ApiReply } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import type { EnosAnswer, SearchPage } from '../enos/enos-ota-client';
import { problemForEnosCode, type EnosSubject } from '../problems/enos-problems';
import type { ProblemException } from '../problems/problem.exception';

/**
 * Records which EnOS answer a response carries: its code for the request log, its request id as
 * the `X-Enos-Request-Id` header. The one place both are written.
 */
export function recordEnosAnswer(reply: ApiReply, answer: EnosAnswer<unknown>): void {
  recordEnosCode(reply, answer.envelope.code);
  if (answer.requestId) reply.header('X-Enos-Request-Id', answer.requestId);
}

/** The problem for an EnOS business error code. */
export function enosProblem(answer: EnosAnswer<unknown> & { ok: false }, subject: EnosSubject): ProblemException {
  return problemForEnosCode(answer.code, answer.envelope.msg ?? null, answer.requestId, subject);
}

/** The value of an EnOS answer, or the problem its business error code stands for. */
export function valueOf<T>(answer: EnosAnswer<T>, subject: EnosSubject): T {
  if (!answer.ok) throw enosProblem(answer, subject);
  return answer.value;
}

/**
 * The value of an EnOS answer, with the EnOS request id and code recorded on the response (header
 * and request log); a business error code becomes its problem.
 */
export function valueOrProblem<T>(answer: EnosAnswer<T>, reply: ApiReply, subject: EnosSubject): T {
  recordEnosAnswer(reply, answer);
  return valueOf(answer, subject);
}

/** An EnOS search page as our API pages it: the items plus EnOS's paging figures. */
export function apiPage<T>(result: SearchPage<T>): { items: T[]; pageNo: number; pageSize: number; totalSize: number } {
  const { pageNo, pageSize, totalSize } = result.pagination;
  return { items: [...result.items], pageNo, pageSize, totalSize };
}
