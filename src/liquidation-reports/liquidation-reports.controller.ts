import { Body, Controller, Get, Headers, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { LiquidationReportView, ReportListItemView } from './dto/report-view.dto';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { GenerateReportDto, ReportQuery } from './dto/report.dto';
import { LiquidationReportsService, negotiateFormat } from './liquidation-reports.service';
import { ReportView } from './report.types';

@ApiTags('liquidation-reports')
@Controller('api/projects/:projectId/liquidation-reports')
export class LiquidationReportsController {
  constructor(private readonly reports: LiquidationReportsService) {}

  @Post()
  @Roles('auditor')
  @ApiOperation({ summary: 'Run the audit as of the date, then freeze the liquidation report (never changes afterwards)' })
  @ApiCreatedResponse({ type: LiquidationReportView, description: 'the frozen report, in English' })
  generate(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: GenerateReportDto,
  ): Promise<ReportView> {
    return this.reports.generate(actor, projectId, dto.asOf);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The frozen reports of a project, newest first, with their summaries' })
  @ApiPageResponse(ReportListItemView)
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: PaginationQuery) {
    return this.reports.list(projectId, query.limit, query.offset);
  }

  @Get(':reportId')
  @AnyRole()
  @ApiOperation({ summary: 'A frozen report as JSON, CSV (sales or receivables), XLSX or PDF, in English or Chinese' })
  @ApiOkResponse({
    description: 'the report in the format asked (`format`, else the Accept header); files come with Content-Disposition: attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LiquidationReportView) } },
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async get(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('reportId', uuidParam('reportId')) reportId: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportView | StreamableFile> {
    const format = negotiateFormat(query.format, accept);
    const rendered = await this.reports.render(projectId, reportId, format, query.lang ?? 'en', query.table ?? 'sales');
    if (format === 'json') return rendered.body as ReportView;
    reply.header('Content-Disposition', `attachment; filename="${rendered.filename}"`);
    return new StreamableFile(Buffer.isBuffer(rendered.body) ? rendered.body : Buffer.from(rendered.body as string, 'utf8'), {
      type: rendered.contentType,
    });
  }
}
