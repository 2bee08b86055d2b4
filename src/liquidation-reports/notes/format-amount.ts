import { groupThousands } from '../../common/money';
import { Lang } from '../report.types';

/** A decimal string as the ledger stores money: optional minus, whole units, at most 2 decimals. */
const AMOUNT_PATTERN = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

/** Chinese names of the currencies a project is likely to use; any other reads as its ISO code. */
const CURRENCY_NAMES_ZH: Readonly<Record<string, string>> = { CNY: '人民币', HKD: '港币', USD: '美元' };

/** Padded to exactly 2 decimals; the pattern allows no more, so nothing is rounded. */
function withTwoDecimals(amount: string): string {
  const point = amount.indexOf('.');
  if (point < 0) return `${amount}.00`;
  return amount.length - point === 2 ? `${amount}0` : amount;
}

/**
 * An exact decimal string with thousands separators and its currency:
 * en "CNY 3,000,000.00", zh "人民币 3,000,000.00 元" (other codes: "EUR 3,000,000.00").
 * Done on the text, digit for digit (no binary float); a large report formats
 * tens of thousands of amounts, which Intl.NumberFormat takes a second over.
 */
export function formatAmount(amount: string, currency: string, lang: Lang): string {
  if (!AMOUNT_PATTERN.test(amount)) throw new RangeError(`not a decimal amount with at most 2 decimals: "${amount}"`);
  const digits = groupThousands(withTwoDecimals(amount));
  const chineseName = lang === 'zh' && Object.hasOwn(CURRENCY_NAMES_ZH, currency) ? CURRENCY_NAMES_ZH[currency] : null;
  return chineseName === null ? `${currency} ${digits}` : `${chineseName} ${digits} 元`;
}
