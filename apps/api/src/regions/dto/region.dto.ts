import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
  @ApiPropertyOptional({ example: '31.71' }) @IsOptional() @Matches(/^[0-9A-Z.]{1,40}$/) parentCode?: string;
  @ApiPropertyOptional({ description: 'part of the name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
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
