import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

const BUSINESS_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (no 2026-02-30), between 1900 and 2999. */
export function isBusinessDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = BUSINESS_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: isBusinessDate,
        defaultMessage: buildMessage((prefix) => `${prefix}$property must be a calendar date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
