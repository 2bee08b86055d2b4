import { dirname, join } from 'node:path';
import { groupThousands } from '../../common/money';
import { ReportView } from '../report.types';
import { Align, Face, PdfWriter, TextStyle, maxWidth, minWidth, wrap } from './pdf-layout';
import { currencyUnit, withUnit } from './report-codes';
import {
  Cell,
  CellKind,
  ReportColumn,
  ReportFigure,
  ReportTable,
  TableOptions,
  cancellationTotalsFigures,
  cancellationsTable,
  clearedFlagsTable,
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

/**
 * The font travels with the code (an npm package), never taken from the host,
 * so a report prints the same Chinese on every machine. Resolved from the
 * package, the path holds from src/ under ts-node and jest and from dist/.
 */
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONT_REGULAR = join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf');
const FONT_BOLD = join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf');

const EMPTY = '—';

/** A PDF is read by people: every code in the report's words. */
const WORDS: TableOptions = { words: true };

const NUMERIC: ReadonlySet<CellKind> = new Set(['money', 'decimal', 'integer', 'percent']);

/** Points: body text, the compact tables of the landscape pages, headings, the title. */
const SIZE = { body: 9, compact: 6, title: 18, subtitle: 12, heading: 12, explanation: 8, footer: 8 };
const GREY = '#555555';
const MARGINS = { left: 36, top: 40, right: 36, bottom: 48 };
/** Points above and below a cell's text. */
const CELL_PADDING = 2;

function alignmentOf(kind: CellKind): Align {
  return NUMERIC.has(kind) ? 'right' : 'left';
}

/** A table cell as printed: its text (or lines kept whole), where it sits, whether it may wrap. */
interface PdfCell {
  text: string;
  lines?: string[];
  align: Align;
  noWrap: boolean;
  bold: boolean;
  color?: string;
}

/** An amount with thousands separators, as groupThousands writes it; digits grouped in a loop rather than by a pattern (ten thousand lines have several each). */
function grouped(amount: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (match === null) return groupThousands(amount);
  const [, sign, digits, fraction = ''] = match;
  if (digits.length <= 3) return amount;
  let head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (; head < digits.length; head += 3) out += `,${digits.slice(head, head + 3)}`;
  return `${sign}${out}${fraction}`;
}

function pdfCell(kind: CellKind, value: Cell, noWrap = false): PdfCell {
  if (value === null) return { text: EMPTY, align: alignmentOf(kind), noWrap: false, bold: false };
  if (kind === 'text') return { text: String(value), align: 'left', noWrap, bold: false };
  if (kind === 'date' || kind === 'datetime') return { text: String(value), align: 'left', noWrap: true, bold: false };
  const text = kind === 'money' ? grouped(String(value)) : String(value);
  return { text, align: alignmentOf(kind), noWrap: true, bold: false };
}

/** The currency money is in, as a header names it: 元 (zh) or CNY (en) for renminbi, HK$ for Hong Kong dollars. */
function unitOf(report: ReportView): string {
  return currencyUnit(report.project.currency, report.lang);
}

function headerOf(report: ReportView, column: ReportColumn): string {
  return column.kind === 'money' && !column.noCurrency ? withUnit(column.header, unitOf(report), report.lang) : column.header;
}

/** A figure's label, with the currency when it is an amount. */
function figureLabel(report: ReportView, figure: ReportFigure): string {
  return figure.kind === 'money' ? withUnit(figure.label, unitOf(report), report.lang) : figure.label;
}

/**
 * A header never broken inside a word: Chinese breaks between any two
 * characters, and a narrow column would stack "户型" one character a line. A
 * Chinese header is kept whole up to this many characters, beyond it broken
 * after its unit's opening bracket or a slash; an English header at its spaces.
 */
const SHORT_HEADER = 8;

function headerCell(report: ReportView, column: ReportColumn): PdfCell {
  const text = headerOf(report, column);
  const style = { text, align: alignmentOf(column.kind), bold: true };
  if (text.length <= SHORT_HEADER) return { ...style, noWrap: true };
  if (!/[\u4e00-\u9fff]/.test(text)) return { ...style, noWrap: false };
  // A long Chinese header breaks at its own seams (before "/m²" and its unit), each line kept whole.
  const lines = text.replace('/m²', '\n/m²').replace('（', '\n（').split('\n');
  return { ...style, lines, noWrap: true };
}

type Width = number | 'auto' | '*';

/**
 * A table as printed: `ruled` draws a rule under the header (and above a
 * totals row at `totalsLine`) and light rules between rows, `gap` points
 * between columns; otherwise no rule, 4 points between columns.
 */
interface PdfTable {
  rows: PdfCell[][];
  widths: Width[];
  headerRows: number;
  size: number;
  ruled: boolean;
  gap: number;
  totalsLine: number;
}

function pdfTable(report: ReportView, table: ReportTable, options: { widths?: Width[]; gap?: number; size?: number } = {}): PdfTable {
  const { widths, gap = 10, size = SIZE.body } = options;
  const subtotals = new Set(table.subtotalRows ?? []);
  // A subtotal or totals row leaves blank what it does not sum.
  const row = (cells: Cell[], bold: boolean): PdfCell[] =>
    table.columns.map((column, index) =>
      bold ? { ...pdfCell(column.kind, cells[index] ?? '', true), bold: true } : pdfCell(column.kind, cells[index], column.noWrap),
    );
  const rows: PdfCell[][] = [
    table.columns.map((column) => headerCell(report, column)),
    ...table.rows.map((cells, index) => row(cells, subtotals.has(index))),
  ];
  const totalled = table.totals !== undefined && table.rows.length > 0;
  if (totalled) rows.push(row(table.totals!, true));
  return {
    rows,
    widths: widths ?? table.columns.map(() => 'auto'),
    headerRows: 1,
    size,
    ruled: true,
    gap,
    totalsLine: rows.length - (totalled ? 1 : 0),
  };
}

function figuresTable(report: ReportView, figures: ReportFigure[]): PdfTable {
  return {
    rows: figures.map((figure) => [
      { text: figureLabel(report, figure), align: 'left', noWrap: false, bold: false, color: GREY },
      { ...pdfCell(figure.kind, figure.value), align: 'left' },
    ]),
    widths: ['auto', '*'],
    headerRows: 0,
    size: SIZE.body,
    ruled: false,
    gap: 8,
    totalsLine: -1,
  };
}

/** A table's columns sized for a width; each row's lines worked out as it is drawn. */
interface LaidOutTable {
  table: PdfTable;
  /** Each column's text width, and its x from the table's left edge. */
  widths: number[];
  xs: number[];
  width: number;
  /** Each cell's width on one line (row by row), NaN where not measured. */
  measured: Float64Array;
  lineHeight: number;
}

function paddingLeft(table: PdfTable, column: number): number {
  return column === 0 ? 0 : table.gap / 2;
}

function paddingRight(table: PdfTable, column: number): number {
  return column === table.widths.length - 1 ? 0 : table.gap / 2;
}

const NO_RULE = { width: 0, color: '#000000' };
const FIRM_RULE = { width: 1.5, color: '#000000' };
const LIGHT_RULE = { width: 0.5, color: '#aaaaaa' };

/** The rule above body row `line` of a ruled table: width and colour. */
function ruleAbove(table: PdfTable, line: number): { width: number; color: string } {
  if (!table.ruled || line === 0 || line === table.rows.length) return NO_RULE;
  return line === 1 || line === table.totalsLine ? FIRM_RULE : LIGHT_RULE;
}

/** Whether a text may break at all: a space, a hyphen or a CJK character. */
const MAY_BREAK = /[\s\-\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/;

/** The styles of a table's cells, made once per table and size. */
const styles = new WeakMap<PdfWriter, Map<string, TextStyle>>();

function cellStyle(w: PdfWriter, table: PdfTable, cell: PdfCell): TextStyle {
  let known = styles.get(w);
  if (known === undefined) styles.set(w, (known = new Map()));
  const key = `${cell.bold ? 'b' : 'r'}${table.size}${cell.color ?? ''}`;
  let style = known.get(key);
  if (style === undefined) known.set(key, (style = { face: cell.bold ? w.bold : w.regular, size: table.size, color: cell.color }));
  return style;
}

/** Column widths: fixed, 'auto' (as wide as its content allows) or '*' (the rest, shared). */
function columnWidths(w: PdfWriter, table: PdfTable, available: number, measured: Float64Array): number[] {
  const columns = table.widths.length;
  const min = new Array<number>(columns).fill(0);
  const max = new Array<number>(columns).fill(0);
  for (let c = 0; c < columns; c++) {
    if (typeof table.widths[c] === 'number') continue;
    for (let r = 0; r < table.rows.length; r++) {
      const cell = table.rows[r][c];
      const style = cellStyle(w, table, cell);
      if (cell.lines !== undefined) {
        const widest = Math.max(...cell.lines.map((line) => style.face.width(line, style.size)));
        min[c] = Math.max(min[c], widest);
        max[c] = Math.max(max[c], widest);
        continue;
      }
      const whole = cell.text.includes('\n') ? maxWidth(style, cell.text) : style.face.width(cell.text, style.size);
      measured[r * columns + c] = whole;
      max[c] = Math.max(max[c], whole);
      const least = cell.noWrap || !MAY_BREAK.test(cell.text) ? whole : minWidth(style, cell.text);
      min[c] = Math.max(min[c], least);
    }
  }
  let room = available;
  for (let c = 0; c < columns; c++) room -= paddingLeft(table, c) + paddingRight(table, c);
  const widths = new Array<number>(columns).fill(0);
  const auto: number[] = [];
  const star: number[] = [];
  table.widths.forEach((width, c) => {
    if (width === 'auto') auto.push(c);
    else if (width === '*') star.push(c);
    else {
      widths[c] = width;
      room -= width;
    }
  });
  const autoMin = auto.reduce((total, c) => total + min[c], 0);
  const autoMax = auto.reduce((total, c) => total + max[c], 0);
  const starMin = star.reduce((widest, c) => Math.max(widest, min[c]), 0);
  const starMax = star.reduce((widest, c) => Math.max(widest, max[c]), 0);
  const least = autoMin + starMin * star.length;
  const most = autoMax + starMax * star.length;
  if (least >= room) {
    for (const c of auto) widths[c] = min[c];
    for (const c of star) widths[c] = starMin;
    return widths;
  }
  if (most < room) {
    for (const c of auto) widths[c] = max[c];
  } else {
    const spare = room - least;
    const spread = most - least;
    for (const c of auto) widths[c] = min[c] + ((max[c] - min[c]) * spare) / spread;
  }
  const left = room - auto.reduce((total, c) => total + widths[c], 0);
  for (const c of star) widths[c] = left / star.length;
  return widths;
}

function layOut(w: PdfWriter, table: PdfTable, available: number): LaidOutTable {
  const columns = table.widths.length;
  const measured = new Float64Array(table.rows.length * columns).fill(NaN);
  const widths = columnWidths(w, table, available, measured);
  const xs: number[] = [];
  let x = 0;
  widths.forEach((width, c) => {
    xs.push(x + paddingLeft(table, c));
    x += paddingLeft(table, c) + width + paddingRight(table, c);
  });
  return { table, widths, xs, width: x, measured, lineHeight: w.regular.lineHeight(table.size) };
}

/** A row's cells as lines in their column widths: null for a cell on one line as it is. */
function rowLines(w: PdfWriter, laid: LaidOutTable, index: number): Array<string[] | null> {
  const { table, widths, measured } = laid;
  const columns = widths.length;
  return table.rows[index].map((cell, c) => {
    if (cell.lines !== undefined) return cell.lines;
    if (cell.noWrap) return null;
    let whole = measured[index * columns + c];
    if (Number.isNaN(whole)) whole = maxWidth(cellStyle(w, table, cell), cell.text);
    if (whole <= widths[c] + 0.01 && !cell.text.includes('\n')) return null;
    return wrap(cellStyle(w, table, cell), cell.text, widths[c] + 0.01);
  });
}

function rowHeight(laid: LaidOutTable, lines: Array<string[] | null>): number {
  return CELL_PADDING * 2 + lineCount(lines) * laid.lineHeight;
}

/** The lines a row spans: its tallest cell's. */
function lineCount(lines: Array<string[] | null>): number {
  let most = 1;
  for (const cell of lines) if (cell !== null && cell.length > most) most = cell.length;
  return most;
}

/** A row, or (`from`, `to`) the part of its lines that fits on a page, a rule above it. */
function drawRow(
  w: PdfWriter,
  laid: LaidOutTable,
  index: number,
  left: number,
  rule: { width: number; color: string },
  lines = rowLines(w, laid, index),
  from = 0,
  to = lineCount(lines),
): void {
  const { table } = laid;
  if (rule.width > 0) {
    w.rule(left, left + laid.width, w.y + rule.width / 2, rule.width, rule.color);
    w.y += rule.width;
  }
  const top = w.y + CELL_PADDING;
  const columns = laid.widths.length;
  table.rows[index].forEach((cell, c) => {
    const style = cellStyle(w, table, cell);
    const cellLines = lines[c];
    if (cellLines === null) {
      if (from > 0) return;
      // On one line as it is: measured when the columns were sized.
      const measured = laid.measured[index * columns + c];
      w.text(style, cell.text, left + laid.xs[c], top, cell.align, laid.widths[c], Number.isNaN(measured) ? undefined : measured);
      return;
    }
    for (let l = from; l < Math.min(to, cellLines.length); l++) {
      w.text(style, cellLines[l], left + laid.xs[c], top + (l - from) * laid.lineHeight, cell.align, laid.widths[c]);
    }
  });
  w.y += CELL_PADDING * 2 + (to - from) * laid.lineHeight;
}

function tableHeight(w: PdfWriter, laid: LaidOutTable): number {
  let height = 0;
  for (let index = 0; index < laid.table.rows.length; index++) height += rowHeight(laid, rowLines(w, laid, index)) + ruleAbove(laid.table, index).width;
  return height;
}

/**
 * A table from the cursor: a row that does not fit starts a new page, under
 * the header row repeated; a row is kept whole unless it is taller than a
 * page. `unbreakable`: the whole table on one page.
 */
async function drawTable(
  w: PdfWriter,
  table: PdfTable,
  options: { left?: number; width?: number; unbreakable?: boolean; marginTop?: number } = {},
): Promise<void> {
  const { left = w.left, width = w.contentWidth, unbreakable = false, marginTop = 0 } = options;
  const laid = layOut(w, table, width);
  if (unbreakable) w.ensure(marginTop + tableHeight(w, laid));
  w.y += marginTop;
  const header = table.headerRows;
  // The header stays with the first row.
  let needed = 0;
  for (let index = 0; index < Math.min(header + 1, table.rows.length); index++) needed += rowHeight(laid, rowLines(w, laid, index)) + ruleAbove(table, index).width;
  w.ensure(needed);
  const repeatHeader = (): void => {
    for (let h = 0; h < header; h++) drawRow(w, laid, h, left, ruleAbove(table, h));
  };
  let pages = w.pageCount;
  for (let index = 0; index < table.rows.length; index++) {
    if (w.pageCount !== pages) {
      pages = w.pageCount;
      await w.pause();
    }
    let rule = ruleAbove(table, index);
    const lines = rowLines(w, laid, index);
    if (index >= header && w.ensure(rule.width + rowHeight(laid, lines))) {
      repeatHeader();
      if (header > 0) rule = ruleAbove(table, 1);
    }
    if (w.y + rule.width + rowHeight(laid, lines) <= w.bottom + 0.01) {
      drawRow(w, laid, index, left, rule, lines);
      continue;
    }
    // Taller than a page: its lines run on over the next pages, under the header repeated.
    const count = lineCount(lines);
    let from = 0;
    let fresh = false;
    while (from < count) {
      // At least a line a page, however tall the header.
      const room = Math.max(fresh ? 1 : 0, Math.floor((w.bottom + 0.01 - w.y - rule.width - CELL_PADDING * 2) / laid.lineHeight));
      if (room < 1) {
        w.addPage();
        repeatHeader();
        if (header > 0) rule = ruleAbove(table, 1);
        fresh = true;
        continue;
      }
      const to = Math.min(count, from + room);
      drawRow(w, laid, index, left, rule, lines, from, to);
      from = to;
      if (from < count) {
        w.addPage();
        repeatHeader();
        if (header > 0) rule = ruleAbove(table, 1);
        fresh = true;
      }
    }
  }
}

/** Text across the page, wrapped, a new page when a line does not fit. */
function paragraph(w: PdfWriter, text: string, style: { face?: Face; size?: number; color?: string; marginTop?: number; marginBottom?: number } = {}): void {
  const textStyle: TextStyle = { face: style.face ?? w.regular, size: style.size ?? SIZE.body, color: style.color };
  const lineHeight = textStyle.face.lineHeight(textStyle.size);
  w.y += style.marginTop ?? 0;
  for (const line of wrap(textStyle, text, w.contentWidth)) {
    w.ensure(lineHeight);
    w.text(textStyle, line, w.left, w.y);
    w.y += lineHeight;
  }
  w.y += style.marginBottom ?? 0;
}

/** A heading, kept with a few lines of what follows it. */
function heading(w: PdfWriter, text: string): void {
  w.ensure(14 + w.bold.lineHeight(SIZE.heading) + 6 + 40);
  paragraph(w, text, { face: w.bold, size: SIZE.heading, marginTop: 14, marginBottom: 6 });
}

function subheading(w: PdfWriter, text: string): void {
  paragraph(w, text, { face: w.bold, marginTop: 8, marginBottom: 4 });
}

function explanation(w: PdfWriter, text: string): void {
  paragraph(w, text, { size: SIZE.explanation, color: GREY, marginBottom: 6 });
}

/**
 * On the first page, under the report's identity: the report it restates and
 * every total and line that differs from it. A changed past is never silent.
 */
async function restatement(w: PdfWriter, report: ReportView): Promise<void> {
  if (!report.restatementOf) return;
  const labels = labelsOf(report);
  const label = labels.restatement;
  heading(w, labels.sections.restatement);
  paragraph(w, label.restates(report.restatementOf), { marginBottom: 6 });
  const differences = report.restatement;
  if (differences === null || (differences.totals.length === 0 && differences.lines.length === 0)) {
    paragraph(w, label.noDifference);
    return;
  }
  if (differences.totals.length > 0) {
    subheading(w, label.totals);
    await drawTable(w, pdfTable(report, restatementTotalsTable(report, differences, WORDS)));
  }
  if (differences.lines.length > 0) {
    subheading(w, label.lines);
    explanation(w, label.explanation);
    await drawTable(w, pdfTable(report, restatementLinesTable(report, differences, WORDS), { widths: ['auto', 'auto', 'auto', 'auto', '*', '*'] }));
  }
}

/** Tables side by side, each in an equal share of the width. */
async function sideBySide(w: PdfWriter, tables: PdfTable[], gap: number): Promise<void> {
  const share = (w.contentWidth - gap * (tables.length - 1)) / tables.length;
  const tallest = Math.max(...tables.map((table) => tableHeight(w, layOut(w, table, share))));
  w.ensure(tallest);
  const top = w.y;
  let bottom = top;
  for (const [index, table] of tables.entries()) {
    w.y = top;
    await drawTable(w, table, { left: w.left + index * (share + gap), width: share });
    bottom = Math.max(bottom, w.y);
  }
  w.y = bottom;
}

async function overview(w: PdfWriter, report: ReportView): Promise<void> {
  const labels = labelsOf(report);
  paragraph(w, labels.title, { face: w.bold, size: SIZE.title });
  paragraph(w, `${report.project.code} ${report.project.name}`, { size: SIZE.subtitle, marginTop: 2, marginBottom: 10 });
  await drawTable(w, figuresTable(report, identityFigures(report)));
  await restatement(w, report);
  heading(w, labels.sections.summary);
  await drawTable(w, figuresTable(report, summaryFigures(report)));
  heading(w, labels.sections.openFlags);
  await sideBySide(w, [pdfTable(report, openFlagsByTypeTable(report, WORDS)), pdfTable(report, openFlagsBySeverityTable(report, WORDS))], 24);
  const changes = report.changesSincePrevious;
  if (changes !== null) {
    heading(w, labels.sections.changes);
    await drawTable(w, figuresTable(report, changesFigures(report, changes, WORDS)));
    await drawTable(w, pdfTable(report, totalsMovesTable(report, changes)), { unbreakable: true, marginTop: 8 });
  }
  // Grouped by aging bucket, a subtotal under each and the total (the summary's receivables) last.
  heading(w, labels.sections.receivables);
  await drawTable(w, pdfTable(report, receivablesTable(report, { ...WORDS, byAgingBucket: true })));
  const cancellations = cancellationsTable(report);
  if (report.cancellationTotals !== undefined) {
    // The totals row under the lines is the report's cancellation totals; with no line, they are shown as figures.
    heading(w, labels.sections.cancellations);
    await drawTable(w, cancellations.rows.length > 0 ? pdfTable(report, cancellations) : figuresTable(report, cancellationTotalsFigures(report)));
  }
}

/** The price lists issued by the as-of date, after the sales on the landscape pages; none in a report frozen before they were kept. */
async function priceLists(w: PdfWriter, report: ReportView): Promise<void> {
  if (report.priceLists === undefined) return;
  const labels = labelsOf(report);
  heading(w, labels.sections.priceLists);
  explanation(w, labels.priceLists.explanation);
  await drawTable(w, pdfTable(report, priceListsTable(report, WORDS), { gap: 5, size: SIZE.compact }));
}

/**
 * The events after the balance date, last: what was recorded after the as-of
 * date and is in none of the figures or notes before it. None in a report
 * frozen before they were kept.
 */
async function subsequentEvents(w: PdfWriter, report: ReportView): Promise<void> {
  if (report.subsequentEvents === undefined) return;
  const labels = labelsOf(report);
  const table = subsequentEventsTable(report, WORDS);
  heading(w, labels.sections.subsequentEvents);
  explanation(w, labels.subsequentEvents.explanation(report.asOf));
  if (table.rows.length === 0) paragraph(w, labels.subsequentEvents.none);
  else await drawTable(w, pdfTable(report, table, { widths: ['auto', 'auto', 'auto', 'auto', '*'] }));
}

/**
 * Last, the flags cleared by the as-of date (their condition no longer held):
 * a sale line shows its open, confirmed and dismissed flags only.
 */
async function clearedFlags(w: PdfWriter, report: ReportView): Promise<void> {
  const label = labelsOf(report).clearedFlags;
  const table = clearedFlagsTable(report, WORDS);
  heading(w, label.heading);
  explanation(w, label.explanation);
  if (table.rows.length === 0) paragraph(w, label.none);
  else await drawTable(w, pdfTable(report, table));
}

/**
 * The report as an A4 PDF: overview (with what a restatement changed), summary, changes, receivables and
 * cancelled sales in portrait, the sales and the price lists on landscape
 * pages, then the numbered notes, the events after the balance date and the
 * appendix of cleared flags. Every code in the report's words, amounts
 * right-aligned under headers naming the currency, the header row repeated
 * on each page of a long table, each page numbered.
 */
export async function renderPdf(report: ReportView): Promise<Buffer> {
  const labels = labelsOf(report);
  const generatedAt = new Date(report.generatedAt);
  const w = new PdfWriter({ regular: FONT_REGULAR, bold: FONT_BOLD }, MARGINS, {
    Title: `${labels.title} ${report.project.code} ${report.asOf}`,
    Author: report.generatedBy.name,
    Subject: report.sha256,
    CreationDate: generatedAt,
    ModDate: generatedAt,
  });

  w.addPage('portrait');
  await overview(w, report);

  w.addPage('landscape');
  heading(w, labels.sections.sales);
  await drawTable(w, pdfTable(report, salesTable(report, { ...WORDS, clearedApart: true }), { gap: 5, size: SIZE.compact }));
  await priceLists(w, report);

  w.addPage('portrait');
  heading(w, labels.sections.notes);
  await drawTable(w, pdfTable(report, notesTable(report), { widths: ['auto', 'auto', '*'] }));
  await subsequentEvents(w, report);
  await clearedFlags(w, report);

  return w.finish((page, pages, writer) => {
    const style: TextStyle = { face: writer.regular, size: SIZE.footer };
    const height = writer.orientation === 'portrait' ? 841.89 : 595.28;
    writer.text(style, labels.pageOf(page, pages), writer.left, height - MARGINS.bottom + 18, 'center', writer.contentWidth);
  });
}
