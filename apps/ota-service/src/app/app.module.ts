import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { HttpModule } from '@nestjs/axios';
import { TerminusModule } from '@nestjs/terminus';
import type { DestinationStream } from 'pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceSettings } from '../config/service-config';
import { APP_SECRET } from '../config/app-secret';
import { ACCESS_LOGGER, createServiceLoggers, SERVICE_LOGGER } from '../logging/service-logger';
import { ProblemFilter } from '../problems/problem.filter';
import { EnosHttp } from '../enos/enos-http';
import { keepAliveAgents } from '../enos/upstream-agents';
import { EnosTokenService } from '../enos/enos-token.service';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { UpstreamResilience } from '../enos/upstream-resilience';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { OtaJobsController } from '../ota-jobs/ota-jobs.controller';
import {
  ENOS_COMPAT_PROVIDERS,
  enosCompatControllers,
  enosCompatCredentialSources,
} from '../compat/enos-facade.providers';
import { EnosAppCredentials } from '../compat/enos-app-credentials';
import { HealthController } from '../health/health.controller';
import { DocsController } from '../docs/docs.controller';
import { RobotsController } from '../web/robots.controller';
import { ConnectionDrain } from '../shutdown/connection-drain';
import { JobSearchController } from '../job-search/job-search.controller';
import { JobSearchService } from '../job-search/job-search.service';
import { JobTasksController } from '../job-tasks/job-tasks.controller';
import { TasksCsvController } from '../job-tasks/tasks-csv.controller';
import { DeviceTasksController } from '../devices/device-tasks.controller';
import { JobProgressController } from '../job-progress/job-progress.controller';
import { JobProgressService } from '../job-progress/job-progress.service';
import { JobSummariesController } from '../job-summaries/job-summaries.controller';
import { JobSummariesService } from '../job-summaries/job-summaries.service';
import { FirmwaresController } from '../firmwares/firmwares.controller';
import { FirmwaresService } from '../firmwares/firmwares.service';
import { JobTasksService } from '../job-tasks/job-tasks.service';
import { FLEET_PROVIDERS } from '../fleet/fleet.providers';
import { FleetRateLimits } from '../fleet/fleet-rate-limits';
import { MetricsService } from '../metrics/metrics.service';
import { MetricsController } from '../metrics/metrics.controller';
import { AddressRateLimitGuard, KeyRateLimitGuard } from '../security/rate-limit.guard';
import { rateLimitModule } from '../security/rate-limits';
import { AuthenticationGuard } from '../security/authentication.guard';
import { OrgAccessGuard } from '../security/org-access.guard';
import { ApiKeyCredentials } from '../security/api-key-credentials';
import { CREDENTIAL_SOURCES } from '../security/credential-source';
import { operatorSignIn } from '../auth/auth.providers';
import { SessionAuth } from '../auth/session-auth';
import { SessionCredentials } from '../auth/session-credentials';

export interface AppModuleOptions {
  /** Where log lines go (tests capture them); stdout when absent. */
  readonly logStream?: DestinationStream;
  /** The sessions' clock (ms since epoch); tests move it. */
  readonly now?: () => number;
}

@Module({})
export class AppModule {
  static forRoot(settings: ServiceSettings, options: AppModuleOptions = {}): DynamicModule {
    const { appSecret, ...config } = settings;
    // Created here because the throttler takes its storage as an option; the fleet providers switch
    // it to Redis when OTA_REDIS_URL is set.
    const rateLimits = new FleetRateLimits();
    const loggers = createServiceLoggers(config.logLevel, options.logStream);
    const signIn = operatorSignIn(config, options.now ?? Date.now);
    const rateLimited = <P>(providers: P[]): P[] => (config.security.rateLimitRps > 0 ? providers : []);
    return {
      module: AppModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        rateLimitModule(config.security.rateLimitRps, rateLimits),
        HttpModule.register(keepAliveAgents()),
      ],
      controllers: [
        OtaJobsController,
        JobSearchController,
        JobTasksController,
        TasksCsvController,
        DeviceTasksController,
        JobProgressController,
        JobSummariesController,
        FirmwaresController,
        ...enosCompatControllers(config),
        HealthController,
        DocsController,
        RobotsController,
        MetricsController,
        ...signIn.controllers,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: APP_SECRET, useValue: appSecret },
        { provide: SERVICE_LOGGER, useValue: loggers.logger },
        { provide: ACCESS_LOGGER, useValue: loggers.accessLogger },
        { provide: APP_FILTER, useClass: ProblemFilter },
        EnosHttp,
        EnosTokenService,
        EnosOtaClient,
        UpstreamResilience,
        ConnectionDrain,
        MetricsService,
        ApiKeyCredentials,
        {
          provide: CREDENTIAL_SOURCES,
          // An API key first: a program that also holds a session cookie is still the program.
          useFactory: (apiKeys: ApiKeyCredentials, enosApps: EnosAppCredentials, sessions: SessionAuth | null) => [
            apiKeys,
            ...enosCompatCredentialSources(config, enosApps),
            ...(sessions ? [new SessionCredentials(sessions)] : []),
          ],
          inject: [ApiKeyCredentials, EnosAppCredentials, SessionAuth],
        },
        // Global guards, in this order, on every route not marked @Public(): count the client address
        // (wrong keys included), authenticate, count the principal, check the org it asks for.
        // With rate limiting off (OTA_RATE_LIMIT_RPS=0) the two counting guards are not installed at all.
        ...rateLimited([{ provide: APP_GUARD, useClass: AddressRateLimitGuard }]),
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        ...rateLimited([{ provide: APP_GUARD, useClass: KeyRateLimitGuard }]),
        { provide: APP_GUARD, useClass: OrgAccessGuard },
        OtaJobsService,
        JobSearchService,
        JobProgressService,
        JobSummariesService,
        JobTasksService,
        FirmwaresService,
        { provide: FleetRateLimits, useValue: rateLimits },
        ...FLEET_PROVIDERS,
        ...ENOS_COMPAT_PROVIDERS,
        ...signIn.providers,
      ],
    };
  }
}
