import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      problem: message.replace(/^(\S+\.)*\S+ /, '').replace(/^property \S+ /, ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationFailure(errors: ValidationError[]): DomainError {
  const problems = flatten(errors);
  const message = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
  return new DomainError(ErrorCode.VALIDATION_FAILED, message || 'invalid input', problems);
}

/** Unknown fields refused, nothing converted implicitly (a number is never taken for money). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationFailure,
  });
}
