import { ArgumentMetadata, Injectable, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** A UUID route parameter in its one written form (lower case), so that `…/sales/ABC…` and `…/sales/abc…` are one sale to every write. */
@Injectable()
class CanonicalUuidPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** Route ids are UUIDs; anything else is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new CanonicalUuidPipe({ exceptionFactory: () => DomainError.invalid(name, 'must be a UUID') });
}
