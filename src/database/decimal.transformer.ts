import Decimal from 'decimal.js';
import { ValueTransformer } from 'typeorm';
import { dec } from '../common/money';

/** `numeric` columns arrive as strings from `pg` and become exact decimals; never a JS number. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | string | null | undefined) => (value === null || value === undefined ? value : dec(value).toFixed()),
  from: (value: string | null) => (value === null ? null : dec(value)),
};
