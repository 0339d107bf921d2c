import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpModule } from '@nestjs/axios';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { DestinationStream } from 'pino';
import { SERVICE_CONFIG } from '../config/config.tokens';
import type { ServiceConfig } from '../config/service-config';
import { loggerParams } from '../logging/logger-options';
import { ProblemFilter } from '../problems/problem.filter';
import { EnosHttp } from '../enos/enos-http';
import { EnosTokenService } from '../enos/enos-token.service';
import { EnosOtaClient } from '../enos/enos-ota-client';
import { OtaJobsService } from '../ota-jobs/ota-jobs.service';
import { OtaJobsController } from '../ota-jobs/ota-jobs.controller';
import { EnosCompatController } from '../compat/enos-compat.controller';
import { HealthController } from '../health/health.controller';
import { DocsController } from '../docs/docs.controller';

export interface AppModuleOptions {
  /** Where log lines go (tests capture them); stdout when absent. */
  readonly logStream?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config, options.logStream)),
        TerminusModule.forRoot({ logger: false }),
        HttpModule.register({
          // Keep connections to the gateway open between calls.
          httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
          httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
        }),
      ],
      controllers: [OtaJobsController, EnosCompatController, HealthController, DocsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        EnosHttp,
        EnosTokenService,
        EnosOtaClient,
        OtaJobsService,
      ],
    };
  }
}
