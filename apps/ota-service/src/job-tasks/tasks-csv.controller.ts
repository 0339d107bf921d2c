import { Controller, Get, HttpStatus, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from '../logging/service-logger';
import type { TaskInfo } from '@enos-ota/ota-contract';
import type { ApiReply, ApiRequest } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { EnosOtaClient, type SearchPage } from '../enos/enos-ota-client';
import { buildExpression } from '../enos/enos-expression';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { parseJobRef } from '../ota-jobs/job-ref';
import { problemForEnosCode } from '../problems/enos-problems';
import { ProblemException } from '../problems/problem.exception';
import { QueryReader } from '../shared/query-params';
import { valueOrProblem } from '../shared/enos-result';
import { csvFileName } from './tasks-csv';
import { csvStream } from './tasks-csv-stream';
import { readTaskFilters } from './task-filters';

/** EnOS answers at most 200 tasks a page. */
const PAGE_SIZE = 200;
/** Most tasks one file holds (500 pages): a 10,000-device rollout ten times over, minutes at worst. */
export const MAX_EXPORT_TASKS = 100_000;

/**
 * GET /api/v1/orgs/{orgId}/ota-jobs/{jobId}/tasks.csv: every matching task as CSV, paged from EnOS
 * one page after another (so an export holds one upstream slot at a time) and streamed as it comes.
 * Each page has the usual deadline and retries; the export stops as soon as the client goes away.
 */
@Controller('api/v1/orgs/:orgId/ota-jobs/:jobId/tasks.csv')
export class TasksCsvController {
  private readonly logger: Logger;

  constructor(
    private readonly enos: EnosOtaClient,
    private readonly jobs: OtaJobsService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'TasksCsvController' });
  }

  @Get()
  async exportOtaJobTasksCsv(
    @Param('orgId') orgId: string,
    @Param('jobId') jobId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: ApiRequest,
    @Res() reply: ApiReply,
  ): Promise<void> {
    const reader = new QueryReader(query);
    const { conditions, status } = readTaskFilters(reader, jobId);
    const ref = parseJobRef({ orgId, jobId });
    reader.done();
    const expression = buildExpression(conditions) ?? '';

    // The response closes before its end when the client left, or when a failure cut it off (logged below).
    const clientGone = new AbortController();
    let pagesAsked = 0;
    let cutOff = false;
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished || cutOff) return;
      clientGone.abort();
      this.logger.info({ reqId: request.id, pages: pagesAsked }, 'CSV export stopped: the client went away');
    });
    const fetchPage = async (pageNo: number): Promise<SearchPage<TaskInfo>> => {
      pagesAsked += 1;
      const signal = AbortSignal.any([clientGone.signal, AbortSignal.timeout(this.config.deadlineMs)]);
      const answer = await this.enos.searchTasks(
        ref.orgId,
        { expression, pagination: { pageNo, pageSize: PAGE_SIZE } },
        signal,
      );
      if (pageNo === 1) return valueOrProblem(answer, reply, ref);
      if (!answer.ok) throw problemForEnosCode(answer.code, answer.envelope.msg ?? null, answer.requestId, ref);
      return answer.value;
    };

    // The job is checked first (cached and shared with job pages): an unknown job is a 404, not an empty file.
    const [job, first] = await Promise.all([this.jobs.getJob(ref), fetchPage(1)]);
    valueOrProblem(job.value, reply, ref);
    const total = first.pagination.totalSize;
    if (total > MAX_EXPORT_TASKS) throw exportTooLarge(total);

    const body = csvStream(first, total, fetchPage, clientGone.signal);
    // Whatever sits between the body and the socket (compression), the body itself ends with the client.
    clientGone.signal.addEventListener('abort', () => body.destroy(), { once: true });
    // Once the headers are out a failure can only cut the response off; the log says why, by request id.
    body.on('error', (error) => {
      if (clientGone.signal.aborted) return; // the page was aborted because the client left: logged above
      cutOff = true;
      this.logger.warn({ reqId: request.id, err: error.message }, 'CSV export cut off before its last row');
    });
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${csvFileName(ref.jobId, status)}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Total-Count', String(total))
      .send(body);
  }
}

function exportTooLarge(total: number): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    code: 'export_too_large',
    title: 'Export too large',
    detail: `${total} tasks match; one export holds at most ${MAX_EXPORT_TASKS}. Filter by status or device keys.`,
  });
}
