import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { validateFirmwareId, validateJobId } from '@enos-ota/ota-contract/validation';
import type { ApiReply } from '../http/http-types';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { EnosOtaClient, type RawEnvelope } from '../enos/enos-ota-client';
import { FirmwaresService } from '../firmwares/firmwares.service';
import { EnosCompatGuard } from './enos-compat.guard';
import { EnosCompatFilter } from './enos-compat.filter';
import type { CompatRequest } from './enos-refusal';
import { rawBodyOf } from './facade-body';
import { FIRMWARE_READS, OTA_JOB_READS } from './read-actions';
import {
  envelopeOf,
  isRefused,
  objectBody,
  readCall,
  refusalOf,
  requestIdOf,
  requiredId,
  searchBody,
  type Query as QueryParams,
} from './compat-request';

/**
 * The EnOS OTA read APIs at EnOS's own paths, for existing EnOS clients: signed calls from facade apps
 * (see EnosCompatGuard) and API-key callers. `action` picks the verb, GET or POST alike (the vendor's
 * own samples send Get OTA Job as POST with `{}`, and the searches as POST). Answers are EnOS's envelope
 * exactly as EnOS sent it (business errors as HTTP 200 with a non-zero code), through the same cache,
 * coalescing, resilience and metrics as the REST API. Only reads exist here.
 */
@UseGuards(EnosCompatGuard)
@UseFilters(EnosCompatFilter)
@Controller('connect-service/v2.1')
export class EnosCompatController {
  constructor(
    private readonly jobs: OtaJobsService,
    private readonly firmwareReads: FirmwaresService,
    private readonly enos: EnosOtaClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get('ota-jobs')
  getOtaJobs(@Query() query: QueryParams, @Req() req: CompatRequest, @Res({ passthrough: true }) reply: ApiReply) {
    return this.otaJobs(query, req, reply);
  }

  @Post('ota-jobs')
  @HttpCode(200)
  postOtaJobs(@Query() query: QueryParams, @Req() req: CompatRequest, @Res({ passthrough: true }) reply: ApiReply) {
    return this.otaJobs(query, req, reply);
  }

  @Get('ota-firmwares')
  getFirmwares(@Query() query: QueryParams, @Req() req: CompatRequest, @Res({ passthrough: true }) reply: ApiReply) {
    return this.firmwares(query, req, reply);
  }

  @Post('ota-firmwares')
  @HttpCode(200)
  postFirmwares(@Query() query: QueryParams, @Req() req: CompatRequest, @Res({ passthrough: true }) reply: ApiReply) {
    return this.firmwares(query, req, reply);
  }

  /** `ota-jobs?action=get|search|searchTask`. */
  private async otaJobs(query: QueryParams, req: CompatRequest, reply: ApiReply): Promise<RawEnvelope> {
    const requestId = requestIdOf(reply);
    const call = readCall(query, req, OTA_JOB_READS, requestId);
    if (isRefused(call)) return refusalOf(call, reply);
    const { action, orgId } = call;
    const rawBody = rawBodyOf(req);
    if (action === 'get') {
      const jobId = requiredId(query, 'jobId', validateJobId, requestId);
      if (isRefused(jobId)) return refusalOf(jobId, reply);
      const body = objectBody(rawBody, requestId);
      if (isRefused(body)) return refusalOf(body, reply);
      const { value: answer } = await this.jobs.getJob({ orgId, jobId });
      return envelopeOf(answer, reply);
    }
    const search = searchBody(rawBody, requestId);
    if (isRefused(search)) return refusalOf(search, reply);
    const signal = AbortSignal.timeout(this.config.deadlineMs);
    const answer =
      action === 'search'
        ? await this.enos.searchJobs(orgId, search, signal)
        : await this.enos.searchTasks(orgId, search, signal);
    return envelopeOf(answer, reply);
  }

  /** `ota-firmwares?action=get` (V2.1 Get Firmware), shared with the REST route (one call for identical ones in flight). */
  private async firmwares(query: QueryParams, req: CompatRequest, reply: ApiReply): Promise<RawEnvelope> {
    const requestId = requestIdOf(reply);
    const call = readCall(query, req, FIRMWARE_READS, requestId);
    if (isRefused(call)) return refusalOf(call, reply);
    const { orgId } = call;
    const firmwareId = requiredId(query, 'firmwareId', validateFirmwareId, requestId);
    if (isRefused(firmwareId)) return refusalOf(firmwareId, reply);
    const body = objectBody(rawBodyOf(req), requestId);
    if (isRefused(body)) return refusalOf(body, reply);
    return envelopeOf(await this.firmwareReads.getFirmware(orgId, firmwareId), reply);
  }
}
