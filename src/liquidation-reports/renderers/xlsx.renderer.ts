import { Writable } from 'node:stream';
import { PageSetup, Row, Cell as SheetCell, Style, ValueType, Workbook, Worksheet, stream } from 'exceljs';
import { dec } from '../../common/money';
import { AGING_BUCKETS, ReportView } from '../report.types';
import { codeWord, currencyUnit, withUnit } from './report-codes';
import { timeZoneOf } from './report-time';
import {
  Cell,
  CellKind,
  ReportColumn,
  ReportFigure,
  ReportTable,
  TableOptions,
  cancellationTotalsFigures,
  cancellationsTable,
  changesFigures,
  identityFigures,
  labelsOf,
  notesTable,
  openFlagsBySeverityTable,
  openFlagsByTypeTable,
  priceListsTable,
  receivablesTable,
  restatementLinesTable,
  restatementTotalsTable,
  salesTable,
  subsequentEventsTable,
  sumAmounts,
  summaryFigures,
  totalsMovesTable,
} from './report-tables';

const MONEY_FORMAT = '#,##0.00';
const DECIMAL_FORMAT = '0.00';
const PERCENT_FORMAT = '0.00%';
const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** A workbook is read by people: every code in the report's words. */
const WORDS: TableOptions = { words: true };

/**
 * A decimal string as a spreadsheet number, when the number shows the same
 * amount. Excel stores every number as a double, and a double keeps 15
 * significant digits: every price and payment the ledger holds (numeric(15,2))
 * reads back to the cent, so the sheet can sum and filter it. An amount that
 * would not (beyond 15 digits: a market price of a huge unit, numeric(30,2),
 * or a large total) is written as its exact text instead of a nearby number.
 * The exact strings stay the report's own content (its JSON); the workbook is
 * an export of it.
 */
function spreadsheetNumber(amount: string): number | string {
  const number = Number(amount);
  return number.toFixed(2) === amount ? number : amount;
}

/**
 * A business date (YYYY-MM-DD) or a local time as the project's zone reads it
 * ("YYYY-MM-DD HH:mm (zone)") as a spreadsheet date. A spreadsheet date has no
 * zone and exceljs writes a Date's UTC fields, so the Date is built from the
 * local wall-clock parts: the cell shows the day and time the project lives in.
 */
export function sheetDate(text: string): { date: Date; timed: boolean } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?/.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0)));
  return { date, timed: hour !== undefined };
}

/**
 * One style object for every plain cell of a type and number format (a table
 * row's cells, which no row or column styles): exceljs files a style by its
 * object, so that a shared one is filed once rather than once a cell.
 * Frozen: a shared style is never changed through one of its cells.
 */
const sharedStyles = new Map<string, Partial<Style>>();

/** A plain row's style, shared likewise. */
const PLAIN_ROW: Partial<Style> = Object.freeze({});

/**
 * A percentage as the fraction it is, exactly: the decimal point moved two
 * places in the text ("12.50" is "0.1250"), then read as a number, as
 * dividing the decimal by 100 would give it.
 */
export function fractionOf(percent: string): number {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(percent);
  if (match === null) return dec(percent).div(100).toNumber();
  const [, sign, whole, fraction = ''] = match;
  const padded = whole.padStart(3, '0');
  return Number(`${sign}${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`);
}

/** A report cell as the sheet holds it: a number, a date or text, with the number format it is shown in. */
function sheetValue(kind: CellKind, value: string | number): { value: string | number | Date; numFmt?: string } {
  if (typeof value === 'string' && (kind === 'money' || kind === 'decimal')) {
    return { value: spreadsheetNumber(value), numFmt: kind === 'money' ? MONEY_FORMAT : DECIMAL_FORMAT };
  }
  if (typeof value === 'string' && kind === 'percent') {
    // 12.50 (%) is the fraction 0.125, divided exactly before it becomes a number.
    return { value: fractionOf(value), numFmt: PERCENT_FORMAT };
  }
  if (typeof value === 'string' && (kind === 'date' || kind === 'datetime')) {
    const parsed = sheetDate(value);
    if (parsed !== null) return { value: parsed.date, numFmt: parsed.timed ? DATE_TIME_FORMAT : DATE_FORMAT };
  }
  return { value };
}

function writeCell(cell: SheetCell, kind: CellKind, value: Cell): void {
  if (value === null) return;
  const written = sheetValue(kind, value);
  cell.value = written.value;
  if (written.numFmt !== undefined) cell.numFmt = written.numFmt;
}

/** The parts of exceljs's streaming sheet the rows are written through (exceljs keeps them internal). */
interface SheetStream {
  stream: { write(chunk: string): void };
  useSharedStrings: boolean;
  _rowZero: number;
  _workbook: {
    styles: { addStyleModel(style: Partial<Style>, type?: ValueType): number };
    sharedStrings: { add(value: string): number };
  };
}

/** The style properties a cell takes from its column (exceljs's own merge, for a row of no style). */
const COLUMN_STYLE_KEYS = ['numFmt', 'font', 'alignment', 'border', 'fill', 'protection'] as const;

/**
 * A table's rows written straight into the sheet's XML, after its header row:
 * each row as exceljs writes it (the same cells, shared strings and style
 * ids, registered in the same order), without a row or cell object each.
 */
class RowWriter {
  private readonly sheet: SheetStream;
  private readonly styleIds: Array<Map<string | undefined, number> | undefined> = [];
  private readonly letters: string[];
  private readonly columnStyles: Array<Partial<Style> | null>;
  private readonly rowStyle: string;
  private chunk: string[] = [];

  constructor(worksheet: Worksheet, columns: number) {
    this.sheet = worksheet as unknown as SheetStream;
    if (!this.sheet.useSharedStrings) throw new Error('rows are written with shared strings');
    this.letters = Array.from({ length: columns }, (_, index) => columnLetter(index + 1));
    this.columnStyles = Array.from({ length: columns }, (_, index) => {
      const style = worksheet.getColumn(index + 1).style as Partial<Style> | undefined;
      if (!style) return null;
      const picked: Partial<Style> = {};
      for (const key of COLUMN_STYLE_KEYS) if (style[key]) (picked as Record<string, unknown>)[key] = style[key];
      return Object.keys(picked).length === 0 ? null : picked;
    });
    const rowStyleId = this.sheet._workbook.styles.addStyleModel(PLAIN_ROW);
    this.rowStyle = rowStyleId ? ` s="${rowStyleId}" customFormat="1"` : '';
  }

  /** The style id of a cell in `column` of `type` shown in `numFmt`, filed with exceljs at its first use. */
  private styleId(column: number, type: ValueType, numFmt: string | undefined): number {
    const key = column * 16 + type;
    let byFormat = this.styleIds[key];
    if (byFormat === undefined) this.styleIds[key] = byFormat = new Map();
    let id = byFormat.get(numFmt);
    if (id === undefined) {
      const base = this.columnStyles[column];
      let style: Partial<Style>;
      if (base === null) {
        const shared = `${type}|${numFmt ?? ''}`;
        style = sharedStyles.get(shared) ?? Object.freeze(numFmt === undefined ? {} : { numFmt });
        sharedStyles.set(shared, style);
      } else {
        style = numFmt === undefined ? { ...base } : { ...base, numFmt };
      }
      id = this.sheet._workbook.styles.addStyleModel(style, type);
      byFormat.set(numFmt, id);
    }
    return id;
  }

  private cell(address: string, column: number, type: ValueType, numFmt: string | undefined, value: string): string {
    const id = this.styleId(column, type, numFmt);
    return id ? `<c r="${address}" s="${id}"><v>${value}</v></c>` : `<c r="${address}"><v>${value}</v></c>`;
  }

  private text(address: string, column: number, value: string): string {
    const id = this.styleId(column, ValueType.String, undefined);
    const index = this.sheet._workbook.sharedStrings.add(value);
    return id ? `<c r="${address}" s="${id}" t="s"><v>${index}</v></c>` : `<c r="${address}" t="s"><v>${index}</v></c>`;
  }

  /** A row as exceljs writes it (`sheetValue`'s choices, made here without an object a cell). */
  write(rowNumber: number, columns: readonly ReportColumn[], cells: readonly Cell[]): void {
    let xml = '';
    let hasValues = false;
    for (let index = 0; index < columns.length; index++) {
      const address = this.letters[index] + rowNumber;
      const value = cells[index];
      if (value === null || value === undefined) {
        const id = this.styleId(index, ValueType.Null, undefined);
        if (id) xml += `<c r="${address}" s="${id}"/>`;
        continue;
      }
      hasValues = true;
      if (typeof value === 'number') {
        xml += this.cell(address, index, ValueType.Number, undefined, String(value));
        continue;
      }
      const kind = columns[index].kind;
      if (kind === 'money' || kind === 'decimal') {
        const format = kind === 'money' ? MONEY_FORMAT : DECIMAL_FORMAT;
        const number = spreadsheetNumber(value);
        xml += typeof number === 'number' ? this.cell(address, index, ValueType.Number, format, String(number)) : this.textWithFormat(address, index, format, number);
      } else if (kind === 'percent') {
        xml += this.cell(address, index, ValueType.Number, PERCENT_FORMAT, String(fractionOf(value)));
      } else {
        const parsed = kind === 'date' || kind === 'datetime' ? sheetDate(value) : null;
        if (parsed === null) {
          xml += this.text(address, index, value);
          continue;
        }
        // A date as Excel's serial day (the 1900 system), as exceljs writes it.
        const serial = 25569 + parsed.date.getTime() / (24 * 3600 * 1000);
        xml += this.cell(address, index, ValueType.Date, parsed.timed ? DATE_TIME_FORMAT : DATE_FORMAT, String(serial));
      }
    }
    if (!hasValues) return;
    this.chunk.push(`<row r="${rowNumber}" spans="1:${columns.length}"${this.rowStyle} x14ac:dyDescent="0.25">${xml}</row>`);
    if (this.chunk.length >= 500) this.flush();
  }

  /** An amount too long for a double, as its exact text in the money format. */
  private textWithFormat(address: string, column: number, numFmt: string, value: string): string {
    const id = this.styleId(column, ValueType.String, numFmt);
    const index = this.sheet._workbook.sharedStrings.add(value);
    return id ? `<c r="${address}" s="${id}" t="s"><v>${index}</v></c>` : `<c r="${address}" t="s"><v>${index}</v></c>`;
  }

  /** Writes out the rows so far; the sheet's next row is `nextRow`. */
  flush(nextRow?: number): void {
    if (this.chunk.length > 0) this.sheet.stream.write(this.chunk.join(''));
    this.chunk = [];
    if (nextRow !== undefined) this.sheet._rowZero = nextRow;
  }
}

/** A column's header as the workbook shows it: money with its currency, local times with their zone. */
function headerOf(report: ReportView, column: ReportColumn): string {
  if (column.kind === 'money' && !column.noCurrency) return withUnit(column.header, currencyUnit(report.project.currency, report.lang), report.lang);
  if (column.kind === 'datetime') return withUnit(column.header, timeZoneOf(report), report.lang);
  return column.header;
}

/** A figure's label with its currency when it is an amount. */
function figureLabel(report: ReportView, figure: ReportFigure): string {
  return figure.kind === 'money' ? withUnit(figure.label, currencyUnit(report.project.currency, report.lang), report.lang) : figure.label;
}

/** The spreadsheet name of a column: 1 → A, 27 → AA. */
function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Writes a table from `firstRow` (header, then rows, then its totals row as
 * SUM formulas whose cached results are the report's exact totals); returns
 * the row after it.
 */
function writeTable(
  sheet: Worksheet,
  report: ReportView,
  table: ReportTable,
  firstRow: number,
  streamed?: { header: (row: Row) => void },
): number {
  const header = sheet.getRow(firstRow);
  table.columns.forEach((column, index) => (header.getCell(index + 1).value = headerOf(report, column)));
  header.font = { bold: true };
  if (streamed) {
    // The header finished and written out, the rows are written straight after it: a table of ten thousand rows is never held whole.
    streamed.header(header);
    header.commit();
    const rows = new RowWriter(sheet, table.columns.length);
    table.rows.forEach((cells, rowIndex) => rows.write(firstRow + 1 + rowIndex, table.columns, cells));
    rows.flush(firstRow + 1 + table.rows.length);
  } else {
    table.rows.forEach((cells, rowIndex) => {
      const row = sheet.getRow(firstRow + 1 + rowIndex);
      table.columns.forEach((column, index) => writeCell(row.getCell(index + 1), column.kind, cells[index]));
    });
  }
  const after = firstRow + 1 + table.rows.length;
  if (table.totals === undefined || table.rows.length === 0) return after;
  const totals = sheet.getRow(after);
  totals.font = { bold: true };
  table.totals.forEach((total, index) => {
    const cell = totals.getCell(index + 1);
    if (index === 0 || typeof total !== 'string' || table.columns[index].kind !== 'money') {
      writeCell(cell, table.columns[index].kind, total);
      return;
    }
    const letter = columnLetter(index + 1);
    cell.value = { formula: `SUM(${letter}${firstRow + 1}:${letter}${after - 1})`, result: Number(total) };
    cell.numFmt = MONEY_FORMAT;
  });
  return after + 1;
}

function writeFigures(sheet: Worksheet, report: ReportView, figures: ReportFigure[], firstRow: number): number {
  figures.forEach((figure, index) => {
    const row = sheet.getRow(firstRow + index);
    row.getCell(1).value = figureLabel(report, figure);
    writeCell(row.getCell(2), figure.kind, figure.value);
  });
  return firstRow + figures.length;
}

/**
 * Printed across: landscape, as wide as one page and as many pages long as it
 * takes, the header row on every page. Given when the sheet is added: a sheet
 * written as it is made starts with its print settings.
 */
function printSetup(orientation: 'landscape' | 'portrait', titleRows?: string): Partial<PageSetup> {
  return {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(titleRows === undefined ? {} : { printTitlesRow: titleRows }),
  };
}

function writeHeading(sheet: Worksheet, text: string, rowNumber: number): number {
  const cell = sheet.getRow(rowNumber).getCell(1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
  return rowNumber + 1;
}

function addSummarySheet(workbook: Workbook, report: ReportView): void {
  const labels = labelsOf(report);
  const sheet = workbook.addWorksheet(labels.sheets.summary, { pageSetup: printSetup('portrait') });
  sheet.columns = [{ width: 36 }, { width: 24 }, { width: 20 }, { width: 20 }];
  const title = sheet.getCell('A1');
  title.value = labels.title;
  title.font = { bold: true, size: 14 };
  let row = writeFigures(sheet, report, identityFigures(report), 3) + 1;
  row = writeHeading(sheet, labels.sections.summary, row);
  row = writeFigures(sheet, report, summaryFigures(report), row) + 1;
  row = writeHeading(sheet, labels.sections.openFlags, row);
  row = writeTable(sheet, report, openFlagsByTypeTable(report, WORDS), row) + 1;
  row = writeTable(sheet, report, openFlagsBySeverityTable(report, WORDS), row) + 1;
  const cancellationTotals = cancellationTotalsFigures(report);
  if (cancellationTotals.length > 0) {
    row = writeHeading(sheet, labels.sections.cancellations, row);
    row = writeFigures(sheet, report, cancellationTotals, row) + 1;
  }
  const changes = report.changesSincePrevious;
  if (changes !== null) {
    row = writeHeading(sheet, labels.sections.changes, row);
    row = writeFigures(sheet, report, changesFigures(report, changes, WORDS), row) + 1;
    writeTable(sheet, report, totalsMovesTable(report, changes), row);
  }
  sheet.commit();
}

/** Characters as a spreadsheet counts column widths: a Chinese character takes two. */
function displayWidth(text: string): number {
  return [...text].reduce((width, char) => width + (/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(char) ? 2 : 1), 0);
}

/** The lines a header takes wrapped at spaces in a column `width` characters wide (a longer word, or Chinese, broken anywhere). */
function wrappedLines(text: string, width: number): number {
  const room = Math.max(width, 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const wordWidth = displayWidth(word);
    const needed = used === 0 ? wordWidth : used + 1 + wordWidth;
    if (needed <= room) used = needed;
    else if (used === 0) {
      lines += Math.ceil(wordWidth / room) - 1;
      used = wordWidth % room || room;
    } else {
      lines += Math.ceil(wordWidth / room);
      used = wordWidth % room || room;
    }
  }
  return lines;
}

const LINE_HEIGHT = 15;

/** A restated value the lines table holds as text that is an amount (a price, a payment): a number, never a number stored as text. */
const RESTATED_AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * What a restatement changed: the report it restates, then the totals and the
 * lines that differ from it; in every workbook, so that its sheets are always
 * the same, saying so when the report restates none.
 */
function addRestatementSheet(workbook: Workbook, report: ReportView): void {
  const sheet = workbook.addWorksheet(labelsOf(report).sheets.restatement, { pageSetup: printSetup('landscape') });
  writeRestatement(sheet, report);
  sheet.commit();
}

function writeRestatement(sheet: Worksheet, report: ReportView): void {
  const labels = labelsOf(report);
  const label = labels.restatement;
  sheet.columns = [{ width: 32 }, { width: 20 }, { width: 20 }, { width: 20 }, { width: 40 }, { width: 40 }];
  const first = sheet.getCell('A1');
  first.value = report.restatementOf ? label.restates(report.restatementOf) : label.restatesNone;
  first.font = { bold: true };
  const differences = report.restatement;
  if (!report.restatementOf || differences === null) return;
  if (differences.totals.length === 0 && differences.lines.length === 0) {
    sheet.getCell('A2').value = label.noDifference;
    return;
  }
  let row = 3;
  if (differences.totals.length > 0) {
    row = writeHeading(sheet, label.totals, row);
    row = writeTable(sheet, report, restatementTotalsTable(report, differences, WORDS), row) + 1;
  }
  if (differences.lines.length > 0) {
    row = writeHeading(sheet, label.lines, row);
    sheet.getCell(row, 1).value = label.explanation;
    const end = writeTable(sheet, report, restatementLinesTable(report, differences, WORDS), row + 1);
    for (let line = row + 2; line < end; line++) {
      for (const column of [5, 6]) {
        const cell = sheet.getCell(line, column);
        if (typeof cell.value === 'string' && RESTATED_AMOUNT.test(cell.value)) writeCell(cell, 'money', cell.value);
        else cell.alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
}

const WRAPPED_COLUMN: SheetCell['alignment'] = { wrapText: true, vertical: 'top' };

/**
 * A sheet holding one table: header wrapped within its column widths, frozen,
 * a filter over the header and rows (the totals row below it stays put),
 * printed landscape one page wide with the header on every page.
 */
function addTableSheet(workbook: Workbook, report: ReportView, name: string, table: ReportTable, wrapped?: number): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: printSetup('landscape', '1:1') });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  // A long text column wraps, top-aligned: set before its cells are written, which take the column's style.
  if (wrapped !== undefined) sheet.getColumn(wrapped).alignment = WRAPPED_COLUMN;
  // The header row is finished before the rows under it are written out.
  const finishHeader = (header: Row): void => {
    header.alignment = { wrapText: true, vertical: 'bottom' };
    if (wrapped !== undefined) header.getCell(wrapped).alignment = WRAPPED_COLUMN;
    const lines = Math.max(...table.columns.map((column) => wrappedLines(headerOf(report, column), column.width)));
    if (lines > 1) header.height = lines * LINE_HEIGHT;
  };
  writeTable(sheet, report, table, 1, { header: finishHeader });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + table.rows.length, column: table.columns.length } };
  return sheet;
}

/**
 * Under the receivables' total, a subtotal per aging bucket: SUMIF over the
 * bucket column, the cached result the exact sum of the bucket's amounts.
 */
function addAgingSubtotals(sheet: Worksheet, report: ReportView, table: ReportTable): void {
  const lastRow = 1 + table.rows.length;
  if (table.rows.length === 0) return;
  let row = lastRow + 3;
  const labels = labelsOf(report);
  for (const bucket of AGING_BUCKETS) {
    const amounts = report.receivables.filter((receivable) => receivable.agingBucket === bucket).map((receivable) => receivable.amount);
    if (amounts.length === 0) continue;
    const word = codeWord(report.lang, 'agingBuckets', bucket);
    sheet.getCell(row, 1).value = labels.subtotal(word);
    sheet.getCell(row, 1).font = { bold: true };
    const cell = sheet.getCell(row, 3);
    cell.value = { formula: `SUMIF(E2:E${lastRow},"${word}",C2:C${lastRow})`, result: Number(sumAmounts(amounts)) };
    cell.numFmt = MONEY_FORMAT;
    row += 1;
  }
}

/**
 * The report as a workbook: Summary, Sales, Receivables, Cancellations, Price
 * lists, Notes, Subsequent events and Restatement sheets, named, headed and
 * worded in the report's language.
 */
/** exceljs's own XML escaping (internal to it, the one its writers use). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { xmlEncode } = require('exceljs/lib/utils/utils') as { xmlEncode(text: string): string };

/**
 * The shared strings part as exceljs writes it (the same bytes), made as one
 * string rather than through its XML writer a node at a time: a large
 * report's workbook holds tens of thousands of strings.
 */
function sharedStringsXml(values: readonly string[]): string {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${values.length}" uniqueCount="${values.length}">`,
  ];
  for (const value of values) {
    const text = String(value);
    parts.push(/^\s|\n|\s$/.test(text) ? `<si><t xml:space="preserve">${xmlEncode(text)}</t></si>` : `<si><t>${xmlEncode(text)}</t></si>`);
  }
  parts.push('</sst>');
  return parts.join('');
}

interface WorkbookStream {
  sharedStrings: { count: number; values: string[] };
  zip: { append(content: string, options: { name: string }): void };
  addSharedStrings(): Promise<void>;
}

export async function renderXlsx(report: ReportView): Promise<Buffer> {
  const labels = labelsOf(report);
  // Written as it is made: each sheet's rows serialised when the sheet is done, zipped by node's zlib.
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  const writer = workbook as unknown as WorkbookStream;
  writer.addSharedStrings = async () => {
    if (writer.sharedStrings.count) writer.zip.append(sharedStringsXml(writer.sharedStrings.values), { name: '/xl/sharedStrings.xml' });
  };
  workbook.creator = report.generatedBy.name;
  workbook.created = new Date(report.generatedAt);
  workbook.modified = workbook.created;
  workbook.title = `${labels.title} ${report.project.code} ${report.asOf}`;

  addSummarySheet(workbook, report);
  addTableSheet(workbook, report, labels.sheets.sales, salesTable(report, WORDS)).commit();
  const receivables = receivablesTable(report, WORDS);
  const receivablesSheet = addTableSheet(workbook, report, labels.sheets.receivables, receivables);
  addAgingSubtotals(receivablesSheet, report, receivables);
  receivablesSheet.commit();
  addTableSheet(workbook, report, labels.sheets.cancellations, cancellationsTable(report)).commit();
  addTableSheet(workbook, report, labels.sheets.priceLists, priceListsTable(report, WORDS)).commit();
  addTableSheet(workbook, report, labels.sheets.notes, notesTable(report), 3).commit();
  addTableSheet(workbook, report, labels.sheets.subsequentEvents, subsequentEventsTable(report, WORDS)).commit();
  addRestatementSheet(workbook, report);

  await workbook.commit();
  return Buffer.concat(chunks);
}
