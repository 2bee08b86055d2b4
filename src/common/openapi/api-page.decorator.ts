import { Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** A 200 answer of `{ items: Item[], total }`: one page of a list, `total` counting every match. */
export function ApiPageResponse(item: Type<unknown>, description = 'one page of the list (limit, offset) and the number of matches') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer', minimum: 0, description: 'items matching the filter, over all pages' },
        },
      },
    }),
  );
}
