import { dirname, join } from 'node:path';
import pdfMake from 'pdfmake';
import { Alignment, Content, ContentTable, ContentText, CustomTableLayout, Size, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { groupThousands } from '../../common/money';
import { ReportView } from '../report.types';
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
const FONT = 'NotoSansSC';

const EMPTY = '—';

/** A PDF is read by people: every code in the report's words. */
const WORDS: TableOptions = { words: true };

const NUMERIC: ReadonlySet<CellKind> = new Set(['money', 'decimal', 'integer', 'percent']);

function alignmentOf(kind: CellKind): Alignment {
  return NUMERIC.has(kind) ? 'right' : 'left';
}

function pdfCell(kind: CellKind, value: Cell, noWrap = false): ContentText {
  if (value === null) return { text: EMPTY, alignment: alignmentOf(kind) };
  if (kind === 'text') return noWrap ? { text: String(value), noWrap } : { text: String(value) };
  if (kind === 'date' || kind === 'datetime') return { text: String(value), noWrap: true };
  const text = kind === 'money' ? groupThousands(String(value)) : String(value);
  return { text, alignment: alignmentOf(kind), noWrap: true };
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

/** A rule under the header and light rules between rows (a firm one above a totals row at `totalsLine`), `gap` points between columns. */
function ruledLayout(gap: number, totalsLine = -1): CustomTableLayout {
  return {
    hLineWidth: (line, node) => (line === 0 || line === node.table.body.length ? 0 : line === 1 || line === totalsLine ? 1.5 : 0.5),
    vLineWidth: () => 0,
    hLineColor: (line) => (line === 1 || line === totalsLine ? '#000000' : '#aaaaaa'),
    paddingLeft: (column) => (column === 0 ? 0 : gap / 2),
    paddingRight: (column, node) => (column === node.table.body[0].length - 1 ? 0 : gap / 2),
  };
}

/**
 * A header never broken inside a word: Chinese breaks between any two
 * characters, and a narrow column would stack "户型" one character a line. A
 * Chinese header is kept whole up to this many characters, beyond it broken
 * after its unit's opening bracket or a slash; an English header at its spaces.
 */
const SHORT_HEADER = 8;

function headerCell(report: ReportView, column: ReportColumn): TableCell {
  const text = headerOf(report, column);
  const style = { style: 'tableHeader', alignment: alignmentOf(column.kind) };
  if (text.length <= SHORT_HEADER) return { text, ...style, noWrap: true };
  if (!/[\u4e00-\u9fff]/.test(text)) return { text, ...style };
  // A long Chinese header breaks at its own seams (before "/m²" and its unit), each line kept whole.
  const lines = text.replace('/m²', '\n/m²').replace('（', '\n（').split('\n');
  return { stack: lines.map((line) => ({ text: line, noWrap: true })), ...style };
}

function pdfTable(report: ReportView, table: ReportTable, options: { widths?: Size[]; gap?: number } = {}): ContentTable {
  const { widths, gap = 10 } = options;
  const subtotals = new Set(table.subtotalRows ?? []);
  // A subtotal or totals row leaves blank what it does not sum.
  const row = (cells: Cell[], bold: boolean): TableCell[] =>
    table.columns.map((column, index) =>
      bold
        ? { ...pdfCell(column.kind, cells[index] ?? '', true), bold: true }
        : pdfCell(column.kind, cells[index], column.noWrap),
    );
  const body: TableCell[][] = [
    table.columns.map((column) => headerCell(report, column)),
    ...table.rows.map((cells, index) => row(cells, subtotals.has(index))),
  ];
  if (table.totals !== undefined && table.rows.length > 0) {
    body.push(row(table.totals, true));
  }
  return {
    table: { headerRows: 1, widths: widths ?? table.columns.map(() => 'auto'), body },
    layout: ruledLayout(gap, body.length - (table.totals !== undefined && table.rows.length > 0 ? 1 : 0)),
  };
}

function pdfFigures(report: ReportView, figures: ReportFigure[]): Content {
  return {
    table: {
      widths: ['auto', '*'],
      body: figures.map((figure): TableCell[] => [
        { text: figureLabel(report, figure), style: 'label' },
        { ...pdfCell(figure.kind, figure.value), alignment: 'left' },
      ]),
    },
    layout: 'noBorders',
  };
}

function heading(text: string): Content {
  return { text, style: 'heading' };
}

/**
 * On the first page, under the report's identity: the report it restates and
 * every total and line that differs from it. A changed past is never silent.
 */
function restatement(report: ReportView): Content[] {
  if (!report.restatementOf) return [];
  const labels = labelsOf(report);
  const label = labels.restatement;
  const content: Content[] = [heading(labels.sections.restatement), { text: label.restates(report.restatementOf), margin: [0, 0, 0, 6] }];
  const differences = report.restatement;
  if (differences === null || (differences.totals.length === 0 && differences.lines.length === 0)) {
    return [...content, { text: label.noDifference }];
  }
  if (differences.totals.length > 0) {
    content.push({ text: label.totals, style: 'subheading' }, pdfTable(report, restatementTotalsTable(report, differences, WORDS)));
  }
  if (differences.lines.length > 0) {
    content.push(
      { text: label.lines, style: 'subheading' },
      { text: label.explanation, style: 'explanation' },
      pdfTable(report, restatementLinesTable(report, differences, WORDS), { widths: ['auto', 'auto', 'auto', 'auto', '*', '*'] }),
    );
  }
  return content;
}

function overview(report: ReportView): Content[] {
  const labels = labelsOf(report);
  const content: Content[] = [
    { text: labels.title, style: 'title' },
    { text: `${report.project.code} ${report.project.name}`, style: 'subtitle' },
    pdfFigures(report, identityFigures(report)),
    ...restatement(report),
    heading(labels.sections.summary),
    pdfFigures(report, summaryFigures(report)),
    heading(labels.sections.openFlags),
    {
      columns: [pdfTable(report, openFlagsByTypeTable(report, WORDS)), pdfTable(report, openFlagsBySeverityTable(report, WORDS))],
      columnGap: 24,
    },
  ];
  const changes = report.changesSincePrevious;
  if (changes !== null) {
    content.push(
      heading(labels.sections.changes),
      pdfFigures(report, changesFigures(report, changes, WORDS)),
      { ...pdfTable(report, totalsMovesTable(report, changes)), margin: [0, 8, 0, 0], unbreakable: true },
    );
  }
  // Grouped by aging bucket, a subtotal under each and the total (the summary's receivables) last.
  content.push(heading(labels.sections.receivables), pdfTable(report, receivablesTable(report, { ...WORDS, byAgingBucket: true })));
  const cancellations = cancellationsTable(report);
  if (report.cancellationTotals !== undefined) {
    // The totals row under the lines is the report's cancellation totals; with no line, they are shown as figures.
    content.push(
      heading(labels.sections.cancellations),
      cancellations.rows.length > 0 ? pdfTable(report, cancellations) : pdfFigures(report, cancellationTotalsFigures(report)),
    );
  }
  return content;
}

/** The price lists issued by the as-of date, after the sales on the landscape pages; none in a report frozen before they were kept. */
function priceLists(report: ReportView): Content[] {
  if (report.priceLists === undefined) return [];
  const labels = labelsOf(report);
  return [
    heading(labels.sections.priceLists),
    { text: labels.priceLists.explanation, style: 'explanation' },
    { ...pdfTable(report, priceListsTable(report, WORDS), { gap: 5 }), style: 'compact' },
  ];
}

/**
 * The events after the balance date, last: what was recorded after the as-of
 * date and is in none of the figures or notes before it. None in a report
 * frozen before they were kept.
 */
function subsequentEvents(report: ReportView): Content[] {
  if (report.subsequentEvents === undefined) return [];
  const labels = labelsOf(report);
  const table = subsequentEventsTable(report, WORDS);
  return [
    heading(labels.sections.subsequentEvents),
    { text: labels.subsequentEvents.explanation(report.asOf), style: 'explanation' },
    table.rows.length === 0 ? { text: labels.subsequentEvents.none } : pdfTable(report, table, { widths: ['auto', 'auto', 'auto', 'auto', '*'] }),
  ];
}

/**
 * Last, the flags cleared by the as-of date (their condition no longer held):
 * a sale line shows its open, confirmed and dismissed flags only.
 */
function clearedFlags(report: ReportView): Content[] {
  const label = labelsOf(report).clearedFlags;
  const table = clearedFlagsTable(report, WORDS);
  return [
    heading(label.heading),
    { text: label.explanation, style: 'explanation' },
    table.rows.length === 0 ? { text: label.none } : pdfTable(report, table),
  ];
}

function documentOf(report: ReportView): TDocumentDefinitions {
  const labels = labelsOf(report);
  const generatedAt = new Date(report.generatedAt);
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 40, 36, 48],
    info: {
      title: `${labels.title} ${report.project.code} ${report.asOf}`,
      author: report.generatedBy.name,
      subject: report.sha256,
      creationDate: generatedAt,
      modDate: generatedAt,
    },
    defaultStyle: { font: FONT, fontSize: 9 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 12, margin: [0, 2, 0, 10] },
      heading: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      label: { color: '#555555' },
      tableHeader: { bold: true },
      compact: { fontSize: 6 },
      subheading: { bold: true, margin: [0, 8, 0, 4] },
      explanation: { fontSize: 8, color: '#555555', margin: [0, 0, 0, 6] },
    },
    footer: (page, pages) => ({ text: labels.pageOf(page, pages), alignment: 'center', fontSize: 8, margin: [0, 18, 0, 0] }),
    content: [
      { section: overview(report) },
      {
        section: [
          heading(labels.sections.sales),
          { ...pdfTable(report, salesTable(report, { ...WORDS, clearedApart: true }), { gap: 5 }), style: 'compact' },
          ...priceLists(report),
        ],
        pageOrientation: 'landscape',
      },
      {
        section: [
          heading(labels.sections.notes),
          pdfTable(report, notesTable(report), { widths: ['auto', 'auto', '*'] }),
          ...subsequentEvents(report),
          ...clearedFlags(report),
        ],
        pageOrientation: 'portrait',
      },
    ],
  };
}

/**
 * The report as an A4 PDF: overview (with what a restatement changed), summary, changes, receivables and
 * cancelled sales in portrait, the sales and the price lists on landscape
 * pages, then the numbered notes, the events after the balance date and the
 * appendix of cleared flags. Every code in the report's words, amounts
 * right-aligned under headers naming the currency.
 */
export async function renderPdf(report: ReportView): Promise<Buffer> {
  // pdfmake is configured on one shared instance; configuring it right before
  // each document keeps this renderer right whatever else set it before.
  pdfMake.setFonts({ [FONT]: { normal: FONT_REGULAR, bold: FONT_BOLD, italics: FONT_REGULAR, bolditalics: FONT_BOLD } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => path === FONT_REGULAR || path === FONT_BOLD);
  return pdfMake.createPdf(documentOf(report)).getBuffer();
}
