import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/** The ISO 4217 currencies in use, as Node's ICU knows them (CNY, HKD, USD, …); never a hand-written list. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Names people write for a currency that are not its ISO 4217 code. */
const NOT_ISO_CODES: Readonly<Record<string, string>> = {
  RMB: 'the renminbi is CNY',
  CNH: 'CNH is the offshore renminbi of the markets; the currency is CNY',
  NTD: 'the New Taiwan dollar is TWD',
};

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCIES.has(value);
}

/** Why a value is not an ISO 4217 currency code in use, in words a user can act on; null when it is one. */
export function currencyCodeProblem(value: unknown): string | null {
  if (isCurrencyCode(value)) return null;
  if (typeof value !== 'string') return 'must be an ISO 4217 currency code written as a string, such as CNY or HKD';
  const upper = value.trim().toUpperCase();
  const hint = Object.hasOwn(NOT_ISO_CODES, upper) ? NOT_ISO_CODES[upper] : null;
  const shown = JSON.stringify(value.slice(0, 20)).slice(1, -1);
  if (hint) return `${shown} is not an ISO 4217 code; ${hint}`;
  if (CURRENCIES.has(upper)) return `${shown} must be written as its ISO 4217 code ${upper}`;
  return `${shown} is not an ISO 4217 currency code in use, such as CNY, HKD or USD`;
}

/** An ISO 4217 code of a currency that exists (Intl.supportedValuesOf('currency')). */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCurrencyCode',
      validator: {
        validate: (value: unknown) => isCurrencyCode(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'currency'} ${currencyCodeProblem(args?.value)}`,
      },
    },
    options,
  );
}
