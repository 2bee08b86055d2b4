import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bodyLeftUnread, closeAfterAnswer } from '../edge/json-body';
import { OUTAGE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../edge/outage';
import { echoRequestId, noStore, requestIdOf } from '../edge/request-id';
import { DomainError, ErrorCode, ErrorDetails, HTTP_STATUS_OF } from './domain-error';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetails;
  correlationId?: string;
  requestId?: string;
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.REQUEST_TIMEOUT]: ErrorCode.REQUEST_TIMEOUT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** The answer a known error gets: a domain error by its code, a framework HTTP error by its status; null for anything else (a 500). */
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

/** Seconds to wait before retrying, for the answers that say so. */
function retryAfterOf(error: unknown, body: ErrorBody): number | null {
  if (body.error === ErrorCode.SERVICE_UNAVAILABLE) return OUTAGE_RETRY_AFTER_SECONDS;
  if (body.error === ErrorCode.RATE_LIMITED) {
    const seconds = (error instanceof DomainError && !Array.isArray(error.details) ? error.details?.retryAfterSeconds : undefined);
    return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 1;
  }
  return null;
}

/**
 * What of an unexpected error may be logged: its kind, message, database error code and stack — never the SQL
 * parameters, the driver's detail line (which quotes values) or anything of the request body.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown; constraint?: unknown; table?: unknown } };
  return {
    type: error.name,
    message: error.message,
    code: typeof code === 'string' ? code : typeof driverError?.code === 'string' ? driverError.code : undefined,
    constraint: typeof driverError?.constraint === 'string' ? driverError.constraint : undefined,
    table: typeof driverError?.table === 'string' ? driverError.table : undefined,
    stack: error.stack,
  };
}

/** The one place where errors become HTTP answers; anything unknown is a 500 without internals. */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.answer(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  answer(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const requestId = requestIdOf(request);
    let body = toErrorBody(error);
    if (!body && isDatabaseUnavailable(error)) {
      this.logger.warn({ requestId, err: loggableError(error) }, 'database unavailable');
      body = {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'the database is unavailable; retry shortly',
      };
    }
    if (!body) {
      const correlationId = randomUUID();
      this.logger.error({ correlationId, requestId, err: loggableError(error) }, 'unhandled error');
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: ErrorCode.INTERNAL_ERROR,
        message: 'internal error',
        correlationId,
      };
    }
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    if (bodyLeftUnread(request.raw)) closeAfterAnswer(request.raw, reply);
    // Fastify closes the connection after any refused body; one that arrived whole (bad JSON) leaves it reusable.
    else if (request.raw.complete && reply.hasHeader('connection')) reply.removeHeader('connection');
    const retryAfter = retryAfterOf(error, body);
    if (retryAfter !== null) reply.header('Retry-After', String(retryAfter));
    reply.status(body.statusCode).send({ ...body, requestId });
  }
}

const frameworkErrors = new ErrorResponseFilter();

/**
 * Fastify's `frameworkErrors`: a request it refuses before routing (a path whose percent-encoding does not
 * decode) gets the answer of any other bad request, with its X-Request-Id (and no-store), instead of Fastify's
 * own body.
 */
export function answerFrameworkError(error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  echoRequestId(request, reply);
  noStore(request, reply);
  frameworkErrors.answer(new HttpException(error.message, error.statusCode ?? HttpStatus.BAD_REQUEST), request, reply);
}
