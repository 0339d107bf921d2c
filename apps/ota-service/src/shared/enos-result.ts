import type { ApiReply } from '../http/http-types';
import { recordEnosCode } from '../logging/enos-code';
import type { EnosAnswer, SearchPage } from '../enos/enos-ota-client';
import { problemForEnosCode, type EnosSubject } from '../problems/enos-problems';

/**
 * The value of an EnOS answer, with the EnOS request id and code recorded on the response (header
 * and request log); a business error code becomes its problem.
 */
export function valueOrProblem<T>(answer: EnosAnswer<T>, reply: ApiReply, subject: EnosSubject): T {
  recordEnosCode(reply, answer.envelope.code);
  if (answer.requestId) reply.header('X-Enos-Request-Id', answer.requestId);
  if (!answer.ok) throw problemForEnosCode(answer.code, answer.envelope.msg ?? null, answer.requestId, subject);
  return answer.value;
}

/** An EnOS search page as our API pages it: the items plus EnOS's paging figures. */
export function apiPage<T>(result: SearchPage<T>): { items: T[]; pageNo: number; pageSize: number; totalSize: number } {
  const { pageNo, pageSize, totalSize } = result.pagination;
  return { items: [...result.items], pageNo, pageSize, totalSize };
}
