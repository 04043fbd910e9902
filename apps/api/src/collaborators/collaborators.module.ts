import { Module } from '@nestjs/common';
import { CollaboratorsModule } from '@ksbb/core';
import { CollaboratorsController } from './collaborators.controller';

/** `/collaborators`: the donors and Pokja's verification queue. */
@Module({ imports: [CollaboratorsModule], controllers: [CollaboratorsController] })
export class CollaboratorsHttpModule {}
