import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate } from '../../common/validation/date.validators';
import { REPORT_LANGUAGES, Lang } from '../report.types';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const CSV_TABLES = ['sales', 'receivables', 'cancellations', 'price-lists', 'subsequent-events'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export class GenerateReportDto {
  @ApiProperty({ example: '2026-11-30', description: 'sales signed by then and not cancelled by then; payments received by then' })
  @IsBusinessDate()
  asOf: string;
}

export class ReportQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'or the Accept header; default json' })
  @IsOptional() @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'en', description: 'language of the notes and headings' })
  @IsOptional() @IsIn(REPORT_LANGUAGES)
  lang?: Lang;

  @ApiPropertyOptional({ enum: CSV_TABLES, default: 'sales', description: 'which table a CSV holds' })
  @IsOptional() @IsIn(CSV_TABLES)
  table?: CsvTable;
}
