import { stringify } from 'csv-stringify/sync';
import { ReportView } from '../report.types';
import { ReportTable, cancellationsTable, priceListsTable, receivablesTable, salesTable, subsequentEventsTable } from './report-tables';

export type CsvTable = 'sales' | 'receivables' | 'cancellations' | 'price-lists' | 'subsequent-events';

const TABLES: Record<CsvTable, (report: ReportView) => ReportTable> = {
  sales: salesTable,
  receivables: receivablesTable,
  cancellations: cancellationsTable,
  'price-lists': priceListsTable,
  'subsequent-events': subsequentEventsTable,
};

/**
 * One table of a report as CSV (RFC 4180, CRLF), headers in the report's
 * language, money as the report's exact decimal strings.
 *
 * The UTF-8 byte order mark is written in both languages: without it Excel
 * reads a CSV in the machine's ANSI code page and garbles every Chinese name,
 * and other readers skip it.
 */
export function renderCsv(report: ReportView, table: CsvTable): string {
  const { columns, rows } = TABLES[table](report);
  const safeRows = rows.map((row) => row.map((cell, i) => (columns[i].kind === 'text' ? defuseFormula(cell) : cell)));
  return stringify([columns.map((column) => column.header), ...safeRows], { bom: true, record_delimiter: 'windows' });
}

/**
 * A name such as `=HYPERLINK(…)` would run as a formula when the file is opened
 * in a spreadsheet: text cells starting with = + - @ or a tab are prefixed with
 * an apostrophe. Money columns keep their exact strings (negative amounts included).
 */
export function defuseFormula(cell: string | number | null): string | number | null {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
