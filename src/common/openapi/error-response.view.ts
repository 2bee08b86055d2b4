import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../errors/domain-error';

/** The one shape of every error answer. */
export class ErrorResponseView {
  @ApiProperty({ example: 400, description: 'the HTTP status, repeated' }) statusCode: number;
  @ApiProperty({ enum: Object.values(ErrorCode), example: 'VALIDATION_FAILED', description: 'a stable code to branch on' }) error: string;
  @ApiProperty({ example: 'netPrice must be a decimal string with at most two places, e.g. "3000000.00"', description: 'for people: names the problem' })
  message: string;
  @ApiPropertyOptional({
    description: 'what the code says more precisely: e.g. every field problem of a VALIDATION_FAILED, or the existing record of an ALREADY_EXISTS',
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'array', items: {} }],
  })
  details?: unknown;
  @ApiProperty({ format: 'uuid', description: 'the X-Request-Id of the request, also in the service’s logs' }) requestId: string;
}
