import { ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { dec, isDecimalString } from '../money';

interface DecimalRule {
  name: string;
  describe: string;
  accepts(value: string): boolean;
}

function decimalString(rule: DecimalRule, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: rule.name,
      validator: {
        validate: (value: unknown) => isDecimalString(value) && rule.accepts(value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be ${rule.describe} as a string with at most 2 decimals, e.g. "4000000.00"`,
          options,
        ),
      },
    },
    options,
  );
}

/** A price or payment: a decimal string greater than zero. A JSON number is refused. */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return decimalString({ name: 'isMoney', describe: 'an amount greater than zero', accepts: (v) => dec(v).gt(0) }, options);
}

/** A saleable area in square metres, greater than zero. */
export function IsArea(options?: ValidationOptions): PropertyDecorator {
  return decimalString(
    { name: 'isArea', describe: 'an area in square metres greater than zero', accepts: (v) => dec(v).gt(0) && dec(v).lt(1e8) },
    options,
  );
}

/** A percentage from 0 to 100 inclusive. */
export function IsPercent(options?: ValidationOptions): PropertyDecorator {
  return decimalString(
    { name: 'isPercent', describe: 'a percentage from 0 to 100', accepts: (v) => dec(v).lte(100) },
    options,
  );
}

/** A published discount: takes off less than the whole price, 0 ≤ p < 100. */
export function IsDiscountPercent(options?: ValidationOptions): PropertyDecorator {
  return decimalString(
    { name: 'isDiscountPercent', describe: 'a percentage from 0 to less than 100', accepts: (v) => dec(v).lt(100) },
    options,
  );
}
