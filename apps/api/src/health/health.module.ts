import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness, readiness and metrics. */
@Module({ controllers: [HealthController] })
export class HealthHttpModule {}
