import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STREAMED_BODY } from '../common/edge/json-body';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { AppConfig } from '../config/app-config';
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

/** The answer to a file another import is still importing. */
interface InProgressAnswer {
  statusCode: number;
  error: ErrorCode.CONFLICT;
  message: string;
  importId: string;
}

function inProgressImportOf(error: unknown): string | null {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.CONFLICT) return null;
  const importId = (error.details as { importId?: unknown } | undefined)?.importId;
  return typeof importId === 'string' ? importId : null;
}

@ApiTags('imports')
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly config: AppConfig,
  ) {}

  @Post('api/projects/:projectId/imports')
  @Roles('admin', 'clerk', 'finance')
  @RouteConfig({ [STREAMED_BODY]: true })
  @ApiOperation({
    summary:
      'Import a CSV (units, price-list, sales or payments): all or nothing, every bad row listed; the same file twice is answered with the first import',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 201, type: ImportView, description: 'imported' })
  @ApiResponse({ status: 200, type: ImportView, description: 'this file was imported before: the first import' })
  @ApiResponse({ status: 202, type: ImportView, description: 'a large file: follow GET /api/imports/:id' })
  @ApiResponse({ status: 422, type: ImportView, description: 'refused: errors lists the bad rows (reading stops at 1,000, errorsTruncated); nothing was written' })
  @ApiResponse({ status: 409, description: 'this file is being imported by another import (importId; Location: that import)' })
  @ApiResponse({ status: 400, description: 'no file: a multipart body without boundary or without its "file" field, or an empty upload' })
  async create(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportView | InProgressAnswer> {
    let started: ImportView;
    try {
      started = await this.imports.start(actor, projectId, query.kind, await receiveCsv(request.raw, reply, this.config.BODY_TIMEOUT_MS));
    } catch (error) {
      const importId = inProgressImportOf(error);
      if (!importId) throw error;
      reply.status(HttpStatus.CONFLICT).header('Location', `/api/imports/${importId}`);
      return { statusCode: HttpStatus.CONFLICT, error: ErrorCode.CONFLICT, message: (error as Error).message, importId };
    }
    const view = started.replayed ? started : await this.imports.settle(started.id, SETTLE_MS);
    reply.status(started.replayed ? HttpStatus.OK : STATUS_OF[view.state]);
    if (view.state === 'QUEUED' || view.state === 'RUNNING') reply.header('Location', `/api/imports/${view.id}`);
    return view;
  }

  @Get('api/projects/:projectId/imports')
  @AnyRole()
  @ApiOperation({ summary: 'The imports of a project, newest first' })
  @ApiPageResponse(ImportView)
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
