import { isBusinessDate } from '../common/validation/date.validators';
import { DECIMAL_RULES, DecimalRule, meetsDecimalRule } from '../common/validation/decimal.validators';

/** What a cell parser answers: a value, or the reason the cell is refused. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export type CellParser<T> = (raw: string) => CellResult<T>;

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const refuse = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

/** A decimal cell read by the rule the API applies to the same field, its limits named in the reason. */
const decimal =
  (rule: DecimalRule): CellParser<string> =>
  (raw) =>
    meetsDecimalRule(rule, raw) ? ok(raw) : refuse(`must be ${rule.describe} with at most 2 decimals, e.g. ${rule.example}`);

export const cell = {
  text:
    (max: number): CellParser<string> =>
    (raw) =>
      raw.length === 0 ? refuse('is empty') : raw.length > max ? refuse(`is longer than ${max} characters`) : ok(raw),
  /** A price or payment: the same rule as the API's money fields. */
  money: (): CellParser<string> => decimal(DECIMAL_RULES.money),
  /** A saleable area: the same rule as the API's. */
  area: (): CellParser<string> => decimal(DECIMAL_RULES.area),
  /** A published discount: the same rule as the API's, 0 ≤ p < 100. */
  percentBelow100: (): CellParser<string> => decimal(DECIMAL_RULES.discountPercent),
  date: (): CellParser<string> => (raw) => (isBusinessDate(raw) ? ok(raw) : refuse('must be a calendar date written YYYY-MM-DD')),
  integer:
    (min: number, max: number): CellParser<number> =>
    (raw) =>
      /^-?\d{1,4}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? ok(Number(raw)) : refuse(`must be a whole number from ${min} to ${max}`),
  oneOf:
    <T extends string>(values: readonly T[], aliases: Record<string, T> = {}): CellParser<T> =>
    (raw) => {
      const value = aliases[raw] ?? raw.toUpperCase();
      return (values as readonly string[]).includes(value) ? ok(value as T) : refuse(`must be one of ${values.join(', ')}`);
    },
  /** Several values in one cell, separated by ";" (or the Chinese "；"). */
  list:
    <T>(inner: CellParser<T>, max: number): CellParser<T[]> =>
    (raw) => {
      const parts = raw.split(/[;；]/).map((part) => part.trim());
      if (parts.length > max) return refuse(`holds more than ${max} values`);
      const values: T[] = [];
      for (const part of parts) {
        const parsed = inner(part);
        if (!parsed.ok) return refuse(`"${part}" ${parsed.reason}`);
        values.push(parsed.value);
      }
      return ok(values);
    },
};

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted headers: the English name (any case) and the usual Chinese ones. */
  headers: string[];
  required: boolean;
  parse: CellParser<unknown>;
}

export interface CellProblem {
  line: number;
  column: string;
  value: string | null;
  reason: string;
}

export interface HeaderMap {
  /** Column index → spec; null for an index that is not read. */
  byIndex: Array<ColumnSpec | null>;
  problems: CellProblem[];
}

function normaliseHeader(header: string): string {
  return header.trim().replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_-]+/g, '');
}

/** Matches the header row against the columns of a kind: unknown, repeated and missing columns are problems of line 1. */
export function mapHeaders(headers: string[], columns: ColumnSpec[]): HeaderMap {
  const lookup = new Map<string, ColumnSpec>();
  for (const column of columns) for (const header of column.headers) lookup.set(normaliseHeader(header), column);
  const problems: CellProblem[] = [];
  const seen = new Set<string>();
  const byIndex = headers.map((header) => {
    const column = lookup.get(normaliseHeader(header));
    if (!column) {
      problems.push({ line: 1, column: header, value: header, reason: 'unknown column' });
      return null;
    }
    if (seen.has(column.key)) {
      problems.push({ line: 1, column: header, value: header, reason: `repeats the column ${column.key}` });
      return null;
    }
    seen.add(column.key);
    return column;
  });
  for (const column of columns) {
    if (column.required && !seen.has(column.key)) {
      problems.push({ line: 1, column: column.key, value: null, reason: `missing column (${column.headers.join(' / ')})` });
    }
  }
  return { byIndex, problems };
}

/** One data row read through the header map: typed values by key, or the problems of its cells. */
export function readRow(cells: string[], line: number, header: HeaderMap, columns: ColumnSpec[]): { values: Record<string, unknown>; problems: CellProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  if (cells.length !== header.byIndex.length) {
    problems.push({ line, column: '*', value: null, reason: `has ${cells.length} cells where the header has ${header.byIndex.length}` });
    return { values, problems };
  }
  header.byIndex.forEach((column, index) => {
    if (!column) return;
    const raw = cells[index].trim();
    if (raw === '') return;
    const parsed = column.parse(raw);
    if (parsed.ok) values[column.key] = parsed.value;
    else problems.push({ line, column: column.key, value: raw.slice(0, 300), reason: parsed.reason });
  });
  for (const column of columns) {
    if (column.required && header.byIndex.includes(column) && values[column.key] === undefined && !problems.some((p) => p.column === column.key)) {
      problems.push({ line, column: column.key, value: '', reason: 'is required' });
    }
  }
  return { values, problems };
}
