import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REGION_LEVELS, RegionLevel } from '@ksbb/core';
import { PageQueryDto } from '../../platform/pagination.dto';

export class RegionResponse {
  @ApiProperty({ example: '31.71.01.1001' }) code: string;
  @ApiProperty({ enum: REGION_LEVELS }) level: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '31.71.01' }) parentCode: string | null;
  @ApiProperty({ example: 'Gambir' }) name: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 106.8163 }) lon: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: -6.1684 }) lat: number | null;
}

export class RegionDetailResponse extends RegionResponse {
  @ApiProperty({ type: [RegionResponse], description: 'enclosing regions, province first' }) parents: RegionResponse[];
}

export class RegionListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REGION_LEVELS }) @IsOptional() @IsIn(REGION_LEVELS) level?: RegionLevel;
  @ApiPropertyOptional({ example: '31.71', description: "the children of this region" }) @IsOptional() @Matches(/^[0-9A-Z.]{1,40}$/) parentCode?: string;
  @ApiPropertyOptional({ description: 'part of the name, or the start of the code', example: 'gambir' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description: 'a batch lookup: only these codes, comma-separated (at most 100; use limit=100 to get them all)',
    example: '31.71.01.1001,31.71.01.1001.RW01',
    type: String,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[0-9A-Z.]{1,40}$/, { each: true })
  codes?: string[];
}

export class RegionImportRejectDto {
  @ApiProperty({ description: 'CSV line number (header is line 1), or GeoJSON feature number' }) line: number;
  @ApiProperty({ type: [String] }) errors: string[];
}

export class RegionImportResponse {
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty({ type: [RegionImportRejectDto] }) rejected: RegionImportRejectDto[];
}
