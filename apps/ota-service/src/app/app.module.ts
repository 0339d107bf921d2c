import { Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpModule } from '@nestjs/axios';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiRequest } from '../http/http-types';
import type { DestinationStream } from 'pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { ACCESS_LOGGER, createServiceLoggers, SERVICE_LOGGER } from '../logging/service-logger';
import { ProblemFilter } from '../problems/problem.filter';
import { EnosHttp } from '../enos/enos-http';
import { keepAliveAgents } from '../enos/upstream-agents';
import { EnosTokenService } from '../enos/enos-token.service';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { OtaJobsController } from '../ota-jobs/ota-jobs.controller';
import { EnosCompatController } from '../compat/enos-compat.controller';
import { HealthController } from '../health/health.controller';
import { DocsController } from '../docs/docs.controller';
import { ConnectionDrain } from '../shutdown/connection-drain';
import { JobSearchController } from '../job-search/job-search.controller';
import { JobSearchService } from '../job-search/job-search.service';
import { JobTasksController } from '../job-tasks/job-tasks.controller';
import { TasksCsvController } from '../job-tasks/tasks-csv.controller';
import { DeviceTasksController } from '../devices/device-tasks.controller';
import { JobProgressController } from '../job-progress/job-progress.controller';
import { JobProgressService } from '../job-progress/job-progress.service';
import { FirmwaresController } from '../firmwares/firmwares.controller';
import { MetricsService } from '../metrics/metrics.service';
import { MetricsController } from '../metrics/metrics.controller';
import { ApiKeyGuard, type AuthenticatedRequest } from '../security/api-key.guard';
import { PER_ADDRESS, PER_KEY, RateLimitGuard } from '../security/rate-limit.guard';

export interface AppModuleOptions {
  /** Where log lines go (tests capture them); stdout when absent. */
  readonly logStream?: DestinationStream;
}

/** One budget per API key and one per client address, each `rps` requests per second. */
function rateLimits(rps: number) {
  return {
    skipIf: () => rps === 0,
    throttlers: [
      {
        name: PER_KEY,
        ttl: 1000,
        limit: rps,
        skipIf: (context: ExecutionContext) =>
          rps === 0 || !context.switchToHttp().getRequest<AuthenticatedRequest>().apiKeyName,
        getTracker: (req: Record<string, unknown>) => (req as unknown as AuthenticatedRequest).apiKeyName ?? '',
      },
      {
        name: PER_ADDRESS,
        ttl: 1000,
        limit: rps,
        skipIf: () => rps === 0,
        getTracker: (req: Record<string, unknown>) => (req as unknown as ApiRequest).socket.remoteAddress ?? 'unknown',
      },
    ],
  };
}

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, options: AppModuleOptions = {}): DynamicModule {
    const loggers = createServiceLoggers(config.logLevel, options.logStream);
    return {
      module: AppModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRoot(rateLimits(config.security.rateLimitRps)),
        HttpModule.register(keepAliveAgents()),
      ],
      controllers: [
        OtaJobsController,
        JobSearchController,
        JobTasksController,
        TasksCsvController,
        DeviceTasksController,
        JobProgressController,
        FirmwaresController,
        EnosCompatController,
        HealthController,
        DocsController,
        MetricsController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_LOGGER, useValue: loggers.logger },
        { provide: ACCESS_LOGGER, useValue: loggers.accessLogger },
        { provide: APP_FILTER, useClass: ProblemFilter },
        EnosHttp,
        EnosTokenService,
        EnosOtaClient,
        UpstreamResilience,
        ConnectionDrain,
        MetricsService,
        ApiKeyGuard,
        RateLimitGuard,
        OtaJobsService,
        JobSearchService,
        JobProgressService,
      ],
    };
  }
}
