import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthModule, IdempotencyModule, UsersModule } from '@ksbb/core';
import { ApiKeyStrategy } from '../auth/api-key.strategy';
import { JwtStrategy } from '../auth/jwt.strategy';
import { AuthGuard } from './auth.guard';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { ApiMetrics } from './metrics';
import { ProblemFilter } from './problem.filter';

/**
 * The HTTP platform every route runs through: authentication (passport-jwt for users, an API-key strategy for
 * aggregator systems) and roles (global guard), problem+json errors,
 * Idempotency-Key handling (on the routes that use it; ETags by a route hook, see route-interceptors.ts), and the request metrics.
 */
@Global()
@Module({
  imports: [AuthModule, IdempotencyModule, UsersModule],
  providers: [
    { provide: ApiMetrics, useValue: new ApiMetrics() },
    JwtStrategy,
    ApiKeyStrategy,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    // Not global: put on the routes that use it by attachRouteInterceptors (route-interceptors.ts), which also sets
    // the ETag of versioned reads with a Fastify hook.
    IdempotencyInterceptor,
  ],
  exports: [ApiMetrics, AuthGuard],
})
export class PlatformModule {}
