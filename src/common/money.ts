import Decimal from 'decimal.js';

/**
 * The one place that turns decimal strings into exact numbers and back.
 * Money and percentages are rounded half-up to 2 places only when a final
 * amount is produced; intermediate arithmetic stays exact.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/**
 * The largest values the ledger accepts, in the API and in imports alike.
 * Prices and payments fit numeric(15,2), areas numeric(10,2), prices per m²
 * numeric(15,2); the market price of a sale (an area times a price per m², or
 * an average of comparables' net price ÷ area times an area) reaches about
 * 1e19 from accepted values, and sales.market_price and
 * sales.market_price_per_sqm are numeric(30,2) so that no combination of them
 * (nor of the wider values stored before these limits) overflows.
 */
export const LIMITS = Object.freeze({
  /** A price or payment: greater than zero, at most this. */
  amount: '999999999999.99',
  /** A saleable area in m²: greater than zero, at most this. */
  area: '99999.99',
  /** A price per m² of market evidence: greater than zero, at most this. */
  pricePerSqm: '99999999.99',
  /** A percentage: from 0 to this (a discount stays below it). */
  percent: '100',
});

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
