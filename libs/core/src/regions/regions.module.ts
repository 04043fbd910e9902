import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Region } from './region.entity';
import { RegionsRepository } from './regions.repository';
import { RegionsService } from './regions.service';

/** Jakarta's administrative regions (province → city → kecamatan → kelurahan → RW → RT). */
@Module({
  imports: [TypeOrmModule.forFeature([Region])],
  providers: [RegionsRepository, RegionsService],
  exports: [RegionsService],
})
export class RegionsModule {}
