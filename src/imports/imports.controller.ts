import { Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { receiveCsv } from './csv-upload';
import { ImportQuery, ImportView } from './dto/import.dto';
import { ImportsService } from './imports.service';

/** How long a POST waits for a small file to finish before answering 202 with the job. */
const SETTLE_MS = 3000;

const STATUS_OF: Record<ImportView['state'], HttpStatus> = {
  QUEUED: HttpStatus.ACCEPTED,
  RUNNING: HttpStatus.ACCEPTED,
  SUCCEEDED: HttpStatus.CREATED,
  REJECTED: HttpStatus.UNPROCESSABLE_ENTITY,
  FAILED: HttpStatus.INTERNAL_SERVER_ERROR,
};

@ApiTags('imports')
@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('api/projects/:projectId/imports')
  @Roles('admin', 'clerk', 'finance')
  @ApiOperation({
    summary:
      'Import a CSV (units, price-list, sales or payments): all or nothing, every bad row listed; the same file twice is answered with the first import',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 201, type: ImportView, description: 'imported' })
  @ApiResponse({ status: 200, type: ImportView, description: 'this file was imported before: the first import' })
  @ApiResponse({ status: 202, type: ImportView, description: 'a large file: follow GET /api/imports/:id' })
  @ApiResponse({ status: 422, type: ImportView, description: 'refused: errors lists every bad row; nothing was written' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Query() query: ImportQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportView> {
    const started = await this.imports.start(actor, projectId, query.kind, await receiveCsv(request));
    const view = started.replayed ? started : await this.imports.settle(started.id, SETTLE_MS);
    response.status(started.replayed ? HttpStatus.OK : STATUS_OF[view.state]);
    if (view.state === 'QUEUED' || view.state === 'RUNNING') response.setHeader('Location', `/api/imports/${view.id}`);
    return view;
  }

  @Get('api/projects/:projectId/imports')
  @AnyRole()
  @ApiOperation({ summary: 'The imports of a project, newest first' })
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: PaginationQuery) {
    return this.imports.list(projectId, query.limit, query.offset);
  }

  @Get('api/imports/:id')
  @AnyRole()
  @ApiOperation({ summary: 'An import: state, rows done of total, and every bad row of a refused file' })
  @ApiOkResponse({ type: ImportView })
  get(@Param('id', uuidParam('id')) id: string): Promise<ImportView> {
    return this.imports.get(id);
  }
}
