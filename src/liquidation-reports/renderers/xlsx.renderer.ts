import { Cell as SheetCell, Workbook, Worksheet } from 'exceljs';
import { ReportView } from '../report.types';
import {
  Cell,
  CellKind,
  ReportFigure,
  ReportTable,
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
  summaryFigures,
  totalsMovesTable,
} from './report-tables';

/** Sheet names stay English in both languages: accountants' workbooks and macros refer to them. */
export const XLSX_SHEET = {
  summary: 'Summary',
  sales: 'Sales',
  receivables: 'Receivables',
  cancellations: 'Cancellations',
  priceLists: 'Price lists',
  notes: 'Notes',
  subsequentEvents: 'Subsequent events',
  restatement: 'Restatement',
} as const;

const MONEY_FORMAT = '#,##0.00';
const DECIMAL_FORMAT = '0.00';

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

function writeCell(cell: SheetCell, kind: CellKind, value: Cell): void {
  if (value === null) return;
  if (typeof value === 'string' && (kind === 'money' || kind === 'decimal')) {
    cell.value = spreadsheetNumber(value);
    cell.numFmt = kind === 'money' ? MONEY_FORMAT : DECIMAL_FORMAT;
    return;
  }
  cell.value = value;
}

/** Writes a table from `firstRow` (header, then rows); returns the row after it. */
function writeTable(sheet: Worksheet, table: ReportTable, firstRow: number): number {
  const header = sheet.getRow(firstRow);
  table.columns.forEach((column, index) => (header.getCell(index + 1).value = column.header));
  header.font = { bold: true };
  table.rows.forEach((cells, rowIndex) => {
    const row = sheet.getRow(firstRow + 1 + rowIndex);
    table.columns.forEach((column, index) => writeCell(row.getCell(index + 1), column.kind, cells[index]));
  });
  return firstRow + 1 + table.rows.length;
}

function writeFigures(sheet: Worksheet, figures: ReportFigure[], firstRow: number): number {
  figures.forEach((figure, index) => {
    const row = sheet.getRow(firstRow + index);
    row.getCell(1).value = figure.label;
    writeCell(row.getCell(2), figure.kind, figure.value);
  });
  return firstRow + figures.length;
}

function writeHeading(sheet: Worksheet, text: string, rowNumber: number): number {
  const cell = sheet.getRow(rowNumber).getCell(1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
  return rowNumber + 1;
}

function addSummarySheet(workbook: Workbook, report: ReportView): void {
  const labels = labelsOf(report);
  const sheet = workbook.addWorksheet(XLSX_SHEET.summary);
  sheet.columns = [{ width: 32 }, { width: 20 }, { width: 20 }, { width: 20 }];
  const title = sheet.getCell('A1');
  title.value = labels.title;
  title.font = { bold: true, size: 14 };
  let row = writeFigures(sheet, identityFigures(report), 3) + 1;
  row = writeHeading(sheet, labels.sections.summary, row);
  row = writeFigures(sheet, summaryFigures(report), row) + 1;
  row = writeHeading(sheet, labels.sections.openFlags, row);
  row = writeTable(sheet, openFlagsByTypeTable(report), row) + 1;
  row = writeTable(sheet, openFlagsBySeverityTable(report), row) + 1;
  const cancellationTotals = cancellationTotalsFigures(report);
  if (cancellationTotals.length > 0) {
    row = writeHeading(sheet, labels.sections.cancellations, row);
    row = writeFigures(sheet, cancellationTotals, row) + 1;
  }
  const changes = report.changesSincePrevious;
  if (changes !== null) {
    row = writeHeading(sheet, labels.sections.changes, row);
    row = writeFigures(sheet, changesFigures(report, changes), row) + 1;
    writeTable(sheet, totalsMovesTable(report, changes), row);
  }
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

/**
 * What a restatement changed: the report it restates, then the totals and the
 * lines that differ from it; in every workbook, so that its sheets are always
 * the same, saying so when the report restates none.
 */
function addRestatementSheet(workbook: Workbook, report: ReportView): void {
  const labels = labelsOf(report);
  const label = labels.restatement;
  const sheet = workbook.addWorksheet(XLSX_SHEET.restatement);
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
    row = writeTable(sheet, restatementTotalsTable(report, differences), row) + 1;
  }
  if (differences.lines.length > 0) {
    row = writeHeading(sheet, label.lines, row);
    sheet.getCell(row, 1).value = label.explanation;
    const end = writeTable(sheet, restatementLinesTable(report, differences), row + 1);
    for (let line = row + 2; line < end; line++) {
      for (const column of [5, 6]) sheet.getCell(line, column).alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

/** A sheet holding one table: header wrapped within its column widths, frozen, filter on every column. */
function addTableSheet(workbook: Workbook, name: string, table: ReportTable): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  writeTable(sheet, table, 1);
  const header = sheet.getRow(1);
  header.alignment = { wrapText: true, vertical: 'bottom' };
  const lines = Math.max(...table.columns.map((column) => wrappedLines(column.header, column.width)));
  if (lines > 1) header.height = lines * LINE_HEIGHT;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return sheet;
}

/**
 * The report as a workbook: Summary, Sales, Receivables, Cancellations, Price
 * lists, Notes, Subsequent events and Restatement sheets, headers in the
 * report's language.
 */
export async function renderXlsx(report: ReportView): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = report.generatedBy.name;
  workbook.created = new Date(report.generatedAt);
  workbook.modified = workbook.created;
  workbook.title = `${labelsOf(report).title} ${report.project.code} ${report.asOf}`;

  addSummarySheet(workbook, report);
  addTableSheet(workbook, XLSX_SHEET.sales, salesTable(report));
  addTableSheet(workbook, XLSX_SHEET.receivables, receivablesTable(report));
  addTableSheet(workbook, XLSX_SHEET.cancellations, cancellationsTable(report));
  addTableSheet(workbook, XLSX_SHEET.priceLists, priceListsTable(report));
  const notes = addTableSheet(workbook, XLSX_SHEET.notes, notesTable(report));
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  addTableSheet(workbook, XLSX_SHEET.subsequentEvents, subsequentEventsTable(report));
  addRestatementSheet(workbook, report);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
