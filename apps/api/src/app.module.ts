import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig, CoreModule } from '@ksbb/core';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditController } from './audit/audit.controller';
import { ApiKeyStrategy } from './auth/api-key.strategy';
import { AuthController } from './auth/auth.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { MeService } from './auth/me.service';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './platform/auth.guard';
import { EtagInterceptor } from './platform/etag.interceptor';
import { IdempotencyInterceptor } from './platform/idempotency.interceptor';
import { loggerOptions } from './platform/logging';
import { ApiMetrics } from './platform/metrics';
import { ProblemFilter } from './platform/problem.filter';
import { ProgramsController } from './programs/programs.controller';
import { RegionsController } from './regions/regions.controller';
import { UsersController } from './users/users.controller';
import { COLLABORATORS_CONTROLLERS } from './collaborators/collaborators.controllers';
import { COMMITMENTS_CONTROLLERS } from './commitments/commitments.controllers';
import { NEEDS_CONTROLLERS } from './needs/needs.controllers';
import { HANDOVERS_CONTROLLERS } from './handovers/handovers.controllers';
import { NOTIFICATIONS_CONTROLLERS } from './notifications/notifications.controllers';
import { REPORTS_CONTROLLERS } from './reports/reports.controllers';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, opts: { logDestination?: DestinationStream } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, 'ksbb-api'),
        LoggerModule.forRoot(loggerOptions(config, opts.logDestination)),
      ],
      controllers: [
        HealthController,
        AuthController,
        UsersController,
        ApiKeysController,
        RegionsController,
        ProgramsController,
        AuditController,
        ...NEEDS_CONTROLLERS,
        ...COLLABORATORS_CONTROLLERS,
        ...COMMITMENTS_CONTROLLERS,
        ...HANDOVERS_CONTROLLERS,
        ...NOTIFICATIONS_CONTROLLERS,
        ...REPORTS_CONTROLLERS,
      ],
      providers: [
        MeService,
        JwtStrategy,
        ApiKeyStrategy,
        { provide: ApiMetrics, useValue: new ApiMetrics() },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
      ],
    };
  }
}
