import Decimal from 'decimal.js';

/**
 * The one place that turns decimal strings into exact numbers and back.
 * Money and percentages are rounded half-up to 2 places only when a final
 * amount is produced; intermediate arithmetic stays exact.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** Up to 13 integer digits and at most 2 decimals: fits numeric(15,2). */
export const DECIMAL_2DP_PATTERN = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_2DP_PATTERN.test(value);
}

export function dec(value: Decimal.Value): Decimal {
  return new Dec(value);
}

export function roundHalfUp2(value: Decimal.Value): Decimal {
  return new Dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Exactly two decimals, half-up: "4000000.00". */
export function formatMoney(value: Decimal.Value): string {
  return roundHalfUp2(value).toFixed(2);
}

export function formatNullableMoney(value: Decimal.Value | null | undefined): string | null {
  return value === null || value === undefined ? null : formatMoney(value);
}

export function sum(values: Iterable<Decimal.Value>): Decimal {
  let total = new Dec(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/** `part / whole × 100`, rounded to 2 decimals; null when `whole` is zero. */
export function percentOf(part: Decimal.Value, whole: Decimal.Value): string | null {
  const denominator = new Dec(whole);
  if (denominator.isZero()) return null;
  return formatMoney(new Dec(part).div(denominator).times(100));
}

/** Thousands separators added to a decimal string as written ("-3000000.00" → "-3,000,000.00"); no rounding, no float. */
export function groupThousands(amount: string): string {
  const [integerPart, fraction] = amount.split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
