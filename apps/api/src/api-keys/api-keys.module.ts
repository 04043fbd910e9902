import { Module } from '@nestjs/common';
import { AuthModule } from '@ksbb/core';
import { ApiKeysController } from './api-keys.controller';

/** `/api-keys`: the aggregators' system credentials. */
@Module({ imports: [AuthModule], controllers: [ApiKeysController] })
export class ApiKeysHttpModule {}
