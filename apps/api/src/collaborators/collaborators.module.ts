import { Module } from '@nestjs/common';
import { CollaboratorsModule, UsersModule } from '@ksbb/core';
import { CollaboratorsController } from './collaborators.controller';

/** `/collaborators`: the donors and Pokja's verification queue. */
@Module({ imports: [CollaboratorsModule, UsersModule], controllers: [CollaboratorsController] })
export class CollaboratorsHttpModule {}
