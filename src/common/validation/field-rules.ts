import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, buildMessage } from 'class-validator';

/** Leading and trailing spaces are dropped before the length limits are checked. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
}

/** Refuses this field when `other` is given too. */
export function IsNotGivenWith(other: string, why = ''): PropertyDecorator {
  return ValidateBy({
    name: 'isNotGivenWith',
    constraints: [other],
    validator: {
      validate: (_value: unknown, args) => {
        const otherValue = (args?.object as Record<string, unknown> | undefined)?.[other];
        return otherValue === undefined || otherValue === null;
      },
      defaultMessage: buildMessage(
        (prefix) =>
          `${prefix}$property cannot be given together with $constraint1${why ? `: ${why}` : ''}`,
      ),
    },
  });
}


/**
 * The field may be left out; when it is given, all its rules apply, so `null`
 * is refused like any other wrong value (`@IsOptional()` would let it through).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}
