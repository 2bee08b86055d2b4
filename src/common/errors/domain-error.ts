import { HttpStatus } from '@nestjs/common';

export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  MALFORMED_BODY = 'MALFORMED_BODY',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  RATE_LIMITED = 'RATE_LIMITED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  CONFLICT = 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  UNIT_ALREADY_SOLD = 'UNIT_ALREADY_SOLD',
  PAYMENT_ALREADY_REVERSED = 'PAYMENT_ALREADY_REVERSED',
  SALE_ALREADY_CANCELLED = 'SALE_ALREADY_CANCELLED',
  PAYMENT_EXCEEDS_OUTSTANDING = 'PAYMENT_EXCEEDS_OUTSTANDING',
  FORFEIT_EXCEEDS_PAID = 'FORFEIT_EXCEEDS_PAID',
  REFUND_EXCEEDS_OWED = 'REFUND_EXCEEDS_OWED',
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  BUSINESS_RULE_VIOLATED = 'BUSINESS_RULE_VIOLATED',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** Checked by the compiler: every code has exactly one HTTP status. */
export const HTTP_STATUS_OF: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_JSON]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_BODY]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.REQUEST_TIMEOUT]: HttpStatus.REQUEST_TIMEOUT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ROUTE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ALREADY_EXISTS]: HttpStatus.CONFLICT,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: HttpStatus.CONFLICT,
  [ErrorCode.UNIT_ALREADY_SOLD]: HttpStatus.CONFLICT,
  [ErrorCode.PAYMENT_ALREADY_REVERSED]: HttpStatus.CONFLICT,
  [ErrorCode.SALE_ALREADY_CANCELLED]: HttpStatus.CONFLICT,
  [ErrorCode.PAYMENT_EXCEEDS_OUTSTANDING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.FORFEIT_EXCEEDS_PAID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.REFUND_EXCEEDS_OWED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.UNKNOWN_REFERENCE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BUSINESS_RULE_VIOLATED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.INTERNAL_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface FieldProblem {
  field: string;
  problem: string;
}

export type ErrorDetails = FieldProblem[] | Record<string, unknown>;

/** The only error type services throw; the HTTP edge maps its code to a status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${entity} ${id} not found`, { entity, id });
  }

  static invalid(field: string, problem: string): DomainError {
    return new DomainError(ErrorCode.VALIDATION_FAILED, `${field} ${problem}`, [{ field, problem }]);
  }

  static rule(message: string, details?: ErrorDetails): DomainError {
    return new DomainError(ErrorCode.BUSINESS_RULE_VIOLATED, message, details);
  }

  static unknownReference(field: string, value: string, entity: string): DomainError {
    return new DomainError(ErrorCode.UNKNOWN_REFERENCE, `${field}: no ${entity} ${value}`, [
      { field, problem: `no ${entity} ${value}` },
    ]);
  }
}
