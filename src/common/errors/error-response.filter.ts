import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, ErrorCode, ErrorDetails, HTTP_STATUS_OF } from './domain-error';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetails;
  correlationId?: string;
}

/** Errors raised by the body parser before a controller is reached, by their `type`. */
const BODY_PARSER_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'entity.parse.failed': { code: ErrorCode.MALFORMED_JSON, message: 'request body is not valid JSON' },
  'entity.too.large': { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'request body is too large' },
  'encoding.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'unsupported body encoding' },
  'charset.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'unsupported body charset' },
};

/** Express error middleware placed after the body parsers: their errors become domain errors. */
export function bodyParserErrors(error: unknown, _req: unknown, _res: unknown, next: (error: unknown) => void): void {
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (!known) return next(error);
  const detail = known.code === ErrorCode.MALFORMED_JSON ? `: ${(error as Error).message}` : '';
  next(new DomainError(known.code, `${known.message}${detail}`));
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

export function toErrorBody(error: unknown): ErrorBody | null {
  if (error instanceof DomainError) {
    return { statusCode: HTTP_STATUS_OF[error.code], error: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string'
      ? response
      : String((response as { message?: unknown }).message ?? error.message);
    const code = HTTP_STATUS_CODES[status];
    if (code) return { statusCode: status, error: code, message };
    if (status < 500) return { statusCode: status, error: HttpStatus[status] ?? 'CLIENT_ERROR', message };
  }
  return null;
}

/** The one place where errors become HTTP answers; anything unknown is a 500 without internals. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    let body = toErrorBody(error);
    if (!body) {
      const correlationId = randomUUID();
      this.logger.error({ correlationId, err: error }, 'unhandled error');
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: ErrorCode.INTERNAL_ERROR,
        message: 'internal error',
        correlationId,
      };
    }
    response.status(body.statusCode).json(body);
  }
}
