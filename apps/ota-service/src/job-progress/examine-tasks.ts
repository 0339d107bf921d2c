import type { TaskInfo } from '@enos-ota/ota-contract';
import type { SearchPage } from '../enos/enos-ota-client';

/** EnOS answers at most 200 tasks a page. */
export const EXAMINE_PAGE_SIZE = 200;

export interface CallBudget {
  /** False once the budget is spent: no further call may start. */
  readonly available: () => boolean;
  readonly search: (status: string, pageNo: number, pageSize: number) => Promise<SearchPage<TaskInfo>>;
}

/**
 * Pages through a job's tasks in one status while the call budget lasts, handing each page to
 * `visit`. Returns how many tasks were examined and how many of the `expected` were left out.
 */
export async function examineTasks(
  status: string,
  expected: number,
  budget: CallBudget,
  visit: (tasks: readonly TaskInfo[]) => void,
): Promise<{ checked: number; skipped: number }> {
  let checked = 0;
  for (let pageNo = 1; checked < expected; pageNo += 1) {
    if (!budget.available()) return { checked, skipped: expected - checked };
    const page = await budget.search(status, pageNo, EXAMINE_PAGE_SIZE);
    if (page.items.length === 0) break;
    checked += page.items.length;
    visit(page.items);
  }
  return { checked, skipped: 0 };
}
