import { ValidationOptions, ValidateBy, buildMessage } from 'class-validator';
import { LIMITS, dec, isDecimalString } from '../money';

/** What a decimal field accepts: the API's validators and the CSV import's cell parsers both read it from here. */
export interface DecimalRule {
  name: string;
  /** Says what is accepted, with its limits: "an amount greater than zero and at most 999999999999.99". */
  describe: string;
  example: string;
  accepts(value: string): boolean;
}

const greaterThanZeroAtMost = (max: string) => (value: string) => dec(value).gt(0) && dec(value).lte(max);

export const DECIMAL_RULES = {
  /** A price or payment. */
  money: {
    name: 'isMoney',
    describe: `an amount greater than zero and at most ${LIMITS.amount}`,
    example: '4000000.00',
    accepts: greaterThanZeroAtMost(LIMITS.amount),
  },
  /** An amount that may be nothing: what a buyer forfeits on cancellation. */
  moneyOrZero: {
    name: 'isMoneyOrZero',
    describe: `an amount from 0 to ${LIMITS.amount}`,
    example: '50000.00',
    accepts: (value: string) => dec(value).lte(LIMITS.amount),
  },
  /** A saleable area in square metres. */
  area: {
    name: 'isArea',
    describe: `an area in square metres greater than zero and at most ${LIMITS.area}`,
    example: '89.50',
    accepts: greaterThanZeroAtMost(LIMITS.area),
  },
  /** A market price per square metre. */
  pricePerSqm: {
    name: 'isPricePerSqm',
    describe: `a price per square metre greater than zero and at most ${LIMITS.pricePerSqm}`,
    example: '45000.00',
    accepts: greaterThanZeroAtMost(LIMITS.pricePerSqm),
  },
  /** A percentage from 0 to 100 inclusive. */
  percent: {
    name: 'isPercent',
    describe: `a percentage from 0 to ${LIMITS.percent}`,
    example: '10.00',
    accepts: (value: string) => dec(value).lte(LIMITS.percent),
  },
  /** A published discount: takes off less than the whole price. */
  discountPercent: {
    name: 'isDiscountPercent',
    describe: `a percentage from 0 to less than ${LIMITS.percent}`,
    example: '3.50',
    accepts: (value: string) => dec(value).lt(LIMITS.percent),
  },
} as const satisfies Record<string, DecimalRule>;

/** The value is a decimal string with at most 2 decimals that the rule accepts. */
export function meetsDecimalRule(rule: DecimalRule, value: unknown): value is string {
  return isDecimalString(value) && rule.accepts(value);
}

function decimalString(rule: DecimalRule, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: rule.name,
      validator: {
        validate: (value: unknown) => meetsDecimalRule(rule, value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be ${rule.describe} as a string with at most 2 decimals, e.g. "${rule.example}"`,
          options,
        ),
      },
    },
    options,
  );
}

/** A price or payment: a decimal string greater than zero, at most LIMITS.amount. A JSON number is refused. */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.money, options);
}

/** An amount from 0 to LIMITS.amount, as a decimal string. A JSON number is refused. */
export function IsMoneyOrZero(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.moneyOrZero, options);
}

/** A saleable area in square metres, greater than zero, at most LIMITS.area. */
export function IsArea(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.area, options);
}

/** A market price per square metre, greater than zero, at most LIMITS.pricePerSqm. */
export function IsPricePerSqm(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.pricePerSqm, options);
}

/** A percentage from 0 to 100 inclusive. */
export function IsPercent(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.percent, options);
}

/** A published discount: takes off less than the whole price, 0 ≤ p < 100. */
export function IsDiscountPercent(options?: ValidationOptions): PropertyDecorator {
  return decimalString(DECIMAL_RULES.discountPercent, options);
}
