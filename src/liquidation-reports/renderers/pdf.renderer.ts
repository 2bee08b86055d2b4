import { dirname, join } from 'node:path';
import pdfMake from 'pdfmake';
import { Alignment, Content, ContentTable, ContentText, CustomTableLayout, Size, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { groupThousands } from '../../common/money';
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

function alignmentOf(kind: CellKind): Alignment {
  return kind === 'text' ? 'left' : 'right';
}

function pdfCell(kind: CellKind, value: Cell, noWrap = false): ContentText {
  if (value === null) return { text: EMPTY, alignment: alignmentOf(kind) };
  if (kind === 'text') return noWrap ? { text: String(value), noWrap } : { text: String(value) };
  const text = kind === 'money' ? groupThousands(String(value)) : String(value);
  return { text, alignment: alignmentOf(kind), noWrap: true };
}

/** A rule under the header and light rules between rows, `gap` points between columns. */
function ruledLayout(gap: number): CustomTableLayout {
  return {
    hLineWidth: (line, node) => (line === 0 || line === node.table.body.length ? 0 : line === 1 ? 1.5 : 0.5),
    vLineWidth: () => 0,
    hLineColor: (line) => (line === 1 ? '#000000' : '#aaaaaa'),
    paddingLeft: (column) => (column === 0 ? 0 : gap / 2),
    paddingRight: (column, node) => (column === node.table.body[0].length - 1 ? 0 : gap / 2),
  };
}

/**
 * A header this short is never broken: Chinese breaks between any two
 * characters, and a narrow column would stack "户型" one character a line.
 */
const SHORT_HEADER = 6;

function pdfTable(table: ReportTable, options: { widths?: Size[]; gap?: number } = {}): ContentTable {
  const { widths, gap = 10 } = options;
  return {
    table: {
      headerRows: 1,
      widths: widths ?? table.columns.map(() => 'auto'),
      body: [
        table.columns.map((column): TableCell => ({
          text: column.header,
          style: 'tableHeader',
          alignment: alignmentOf(column.kind),
          noWrap: column.header.length <= SHORT_HEADER,
        })),
        ...table.rows.map((cells) => table.columns.map((column, index) => pdfCell(column.kind, cells[index], column.noWrap))),
      ],
    },
    layout: ruledLayout(gap),
  };
}

function pdfFigures(figures: ReportFigure[]): Content {
  return {
    table: {
      widths: ['auto', '*'],
      body: figures.map((figure): TableCell[] => [
        { text: figure.label, style: 'label' },
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
    content.push({ text: label.totals, style: 'subheading' }, pdfTable(restatementTotalsTable(report, differences)));
  }
  if (differences.lines.length > 0) {
    content.push(
      { text: label.lines, style: 'subheading' },
      { text: label.explanation, style: 'explanation' },
      pdfTable(restatementLinesTable(report, differences), { widths: ['auto', 'auto', 'auto', 'auto', '*', '*'] }),
    );
  }
  return content;
}

function overview(report: ReportView): Content[] {
  const labels = labelsOf(report);
  const content: Content[] = [
    { text: labels.title, style: 'title' },
    { text: `${report.project.code} ${report.project.name}`, style: 'subtitle' },
    pdfFigures(identityFigures(report)),
    ...restatement(report),
    heading(labels.sections.summary),
    pdfFigures(summaryFigures(report)),
    heading(labels.sections.openFlags),
    {
      columns: [pdfTable(openFlagsByTypeTable(report)), pdfTable(openFlagsBySeverityTable(report))],
      columnGap: 24,
    },
  ];
  const changes = report.changesSincePrevious;
  if (changes !== null) {
    content.push(
      heading(labels.sections.changes),
      pdfFigures(changesFigures(report, changes)),
      { ...pdfTable(totalsMovesTable(report, changes)), margin: [0, 8, 0, 0], unbreakable: true },
    );
  }
  content.push(heading(labels.sections.receivables), pdfTable(receivablesTable(report)));
  const cancellationTotals = cancellationTotalsFigures(report);
  if (cancellationTotals.length > 0) {
    content.push(
      heading(labels.sections.cancellations),
      pdfTable(cancellationsTable(report)),
      { text: '', margin: [0, 4, 0, 0] },
      pdfFigures(cancellationTotals),
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
    { ...pdfTable(priceListsTable(report), { gap: 5 }), style: 'compact' },
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
  const table = subsequentEventsTable(report);
  return [
    heading(labels.sections.subsequentEvents),
    { text: labels.subsequentEvents.explanation(report.asOf), style: 'explanation' },
    table.rows.length === 0 ? { text: labels.subsequentEvents.none } : pdfTable(table, { widths: ['auto', 'auto', 'auto', 'auto', '*'] }),
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
          { ...pdfTable(salesTable(report), { gap: 5 }), style: 'compact' },
          ...priceLists(report),
        ],
        pageOrientation: 'landscape',
      },
      {
        section: [
          heading(labels.sections.notes),
          pdfTable(notesTable(report), { widths: ['auto', 'auto', '*'] }),
          ...subsequentEvents(report),
        ],
        pageOrientation: 'portrait',
      },
    ],
  };
}

/**
 * The report as an A4 PDF: overview (with what a restatement changed), summary, changes, receivables and
 * cancelled sales in portrait, the sales and the price lists on landscape
 * pages, then the numbered notes and the events after the balance date.
 */
export async function renderPdf(report: ReportView): Promise<Buffer> {
  // pdfmake is configured on one shared instance; configuring it right before
  // each document keeps this renderer right whatever else set it before.
  pdfMake.setFonts({ [FONT]: { normal: FONT_REGULAR, bold: FONT_BOLD, italics: FONT_REGULAR, bolditalics: FONT_BOLD } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => path === FONT_REGULAR || path === FONT_BOLD);
  return pdfMake.createPdf(documentOf(report)).getBuffer();
}
