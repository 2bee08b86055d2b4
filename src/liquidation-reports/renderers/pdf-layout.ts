import PDFDocument from 'pdfkit';

/**
 * The PDF drawn straight onto pdfkit pages: text measured from the font's own
 * glyph advances (each character looked up once per document), wrapped,
 * placed and written as one content stream per page. A report of ten
 * thousand sales is thousands of table rows; laying each cell out as an
 * object of its own took most of the time a large report took to print.
 */

export type Align = 'left' | 'right' | 'center';
export type Orientation = 'portrait' | 'landscape';

/** The parts of pdfkit's embedded font this writer uses (pdfkit keeps them internal). */
interface EmbeddedFont {
  id: string;
  ref(): unknown;
  font: { glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(glyph: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
  ascender: number;
  descender: number;
}

/** Punctuation that never starts a line: kept with the character before it. */
const CLOSING = new Set([...'，。、；：！？）》」』】,.;:!?)]}%'].map((char) => char.codePointAt(0)!));
/** Punctuation that never ends a line: kept with the character after it. */
const OPENING = new Set([...'（《「『【'].map((char) => char.codePointAt(0)!));

/** Chinese, Japanese and Korean script: a line may break before and after each character. */
function isCjk(codePoint: number): boolean {
  return (
    (codePoint >= 0x2e80 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xff00 && codePoint <= 0xffef) ||
    (codePoint >= 0x20000 && codePoint <= 0x3ffff)
  );
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Where a line may break in `text`: the index each piece starts at (after
 * spaces, around CJK characters, after a hyphen inside a word). Each piece
 * keeps its trailing spaces.
 */
function breaks(text: string): number[] {
  const starts = [0];
  let previous = -1;
  let previousCjk = false;
  let pieceHasText = false;
  for (let index = 0; index < text.length; index++) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    if (codePoint === 32) {
      previous = codePoint;
      previousCjk = false;
      index += width - 1;
      continue;
    }
    const cjk = isCjk(codePoint);
    if (index > 0 && pieceHasText && (previous === 32 || cjk || previousCjk) && !CLOSING.has(codePoint) && !OPENING.has(previous)) {
      starts.push(index);
    }
    pieceHasText = true;
    if (codePoint === 45 && isLetter(previous) && isLetter(text.charCodeAt(index + 1))) {
      starts.push(index + 1);
      pieceHasText = false;
    }
    previous = codePoint;
    previousCjk = cjk;
    index += width - 1;
  }
  return starts;
}

/** The text cut where a line may break; each piece keeps its trailing spaces. */
export function breakable(text: string): string[] {
  const starts = breaks(text);
  return starts.map((start, index) => text.slice(start, starts[index + 1])).filter((piece) => piece !== '');
}

/** A glyph as the content stream writes it (two bytes, escaped in a PDF string) and its advance in thousandths of the font size. */
interface Glyph {
  code: string;
  advance: number;
}

/** A font as the writer draws it: each character's glyph and advance looked up once. */
export class Face {
  /** Per BMP character: its advance (-1 until looked up) and its code; beyond the BMP, a map. */
  private readonly advances = new Float64Array(0x10000).fill(-1);
  private readonly codes = new Array<string>(0x10000).fill('');
  private readonly astral = new Map<number, Glyph>();
  readonly ascender: number;
  readonly descender: number;

  constructor(private readonly embedded: EmbeddedFont) {
    this.ascender = embedded.ascender;
    this.descender = embedded.descender;
  }

  get id(): string {
    return this.embedded.id;
  }

  ref(): unknown {
    return this.embedded.ref();
  }

  private lookUp(codePoint: number): Glyph {
    const embedded = this.embedded;
    const found = embedded.font.glyphForCodePoint(codePoint);
    const id = embedded.subset.includeGlyph(found.id);
    const advance = found.advanceWidth * embedded.scale;
    if (embedded.widths[id] == null) embedded.widths[id] = advance;
    if (embedded.unicode[id] == null) embedded.unicode[id] = [codePoint];
    const glyph = { code: escapeByte(id >> 8) + escapeByte(id & 255), advance };
    if (codePoint < 0x10000) {
      this.advances[codePoint] = advance;
      this.codes[codePoint] = glyph.code;
    } else {
      this.astral.set(codePoint, glyph);
    }
    return glyph;
  }

  private advance(codePoint: number): number {
    if (codePoint < 0x10000) {
      const advance = this.advances[codePoint];
      return advance >= 0 ? advance : this.lookUp(codePoint).advance;
    }
    return (this.astral.get(codePoint) ?? this.lookUp(codePoint)).advance;
  }

  private code(codePoint: number): string {
    if (codePoint < 0x10000) {
      const code = this.codes[codePoint];
      return code !== '' ? code : this.lookUp(codePoint).code;
    }
    return (this.astral.get(codePoint) ?? this.lookUp(codePoint)).code;
  }

  /** The width of `text` (from `start` to `end`) at `size` points. */
  width(text: string, size: number, start = 0, end = text.length): number {
    let advance = 0;
    for (let index = start; index < end; index++) {
      let codePoint = text.charCodeAt(index);
      if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < end) {
        codePoint = text.codePointAt(index)!;
        index++;
      }
      advance += this.advance(codePoint);
    }
    return (advance * size) / 1000;
  }

  /** The text as a PDF string of the embedded subset's glyphs, two bytes each. */
  encode(text: string): string {
    let code = '';
    for (let index = 0; index < text.length; index++) {
      let codePoint = text.charCodeAt(index);
      if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < text.length) {
        codePoint = text.codePointAt(index)!;
        index++;
      }
      code += this.code(codePoint);
    }
    return code;
  }

  /** The height of a line at `size` points: ascender to descender, no gap. */
  lineHeight(size: number): number {
    return ((this.ascender - this.descender) * size) / 1000;
  }
}

/** A byte inside a PDF literal string (the content stream is written byte for byte, latin1). */
function escapeByte(byte: number): string {
  switch (byte) {
    case 0x28:
      return '\\(';
    case 0x29:
      return '\\)';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    default:
      return String.fromCharCode(byte);
  }
}

/** A run of text in one font and size, wrapped to a width. */
export interface TextStyle {
  face: Face;
  size: number;
  color?: string;
}

/** The width of the widest piece a line cannot break (the narrowest a column can be without cutting a word). */
export function minWidth(style: TextStyle, text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    const starts = breaks(line);
    for (let index = 0; index < starts.length; index++) {
      let end = index + 1 < starts.length ? starts[index + 1] : line.length;
      while (end > starts[index] && line.charCodeAt(end - 1) === 32) end--;
      widest = Math.max(widest, style.face.width(line, style.size, starts[index], end));
    }
  }
  return widest;
}

/** The width of the text unbroken (each of its own lines). */
export function maxWidth(style: TextStyle, text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, style.face.width(line, style.size));
  return widest;
}

/** The text broken into lines no wider than `width` (a piece wider than a line on its own is cut between characters). */
export function wrap(style: TextStyle, text: string, width: number): string[] {
  const { face, size } = style;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (face.width(paragraph, size) <= width) {
      lines.push(paragraph);
      continue;
    }
    let line = '';
    let used = 0;
    for (const token of breakable(paragraph)) {
      const trimmed = face.width(token.trimEnd(), size);
      if (line !== '' && used + trimmed > width) {
        lines.push(line.trimEnd());
        line = '';
        used = 0;
      }
      if (line === '' && trimmed > width) {
        // Wider than a whole line: cut between characters.
        let piece = '';
        for (const char of token) {
          if (piece !== '' && face.width(piece + char, size) > width) {
            lines.push(piece);
            piece = '';
          }
          piece += char;
        }
        line = piece;
        used = face.width(piece, size);
        continue;
      }
      line += token;
      used += face.width(token, size);
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** `#rrggbb` as a PDF colour's three components. */
function rgb(color: string): string {
  const value = parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((part) => Number((part / 255).toFixed(4))).join(' ');
}

const n = (value: number): string => String(Math.round(value * 100) / 100 + 0);

const A4: Readonly<Record<Orientation, readonly [number, number]>> = { portrait: [595.28, 841.89], landscape: [841.89, 595.28] };

interface Page {
  orientation: Orientation;
  width: number;
  height: number;
  ops: string[];
  /** The rules drawn on the page, by width and colour: stroked together when the page is done. */
  rules: Map<string, string[]>;
  /** The font and colour of the open text object, or null when none is open. */
  text: { font: string; size: number; color: string; x: number; y: number } | null;
}

/** Pages laid out between two turns of the event loop. */
const PAGES_A_TURN = 8;

export interface Margins {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface DocumentInfo {
  Title: string;
  Author: string;
  Subject: string;
  CreationDate: Date;
  ModDate: Date;
}

/**
 * Pages and a cursor: text and rules are drawn at the cursor, a new page
 * started when what comes next does not fit. Pages are written to pdfkit at
 * the end, once their count is known (for "page n of m").
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly regular: Face;
  readonly bold: Face;
  private readonly pages: Page[] = [];
  y = 0;

  constructor(
    fonts: { regular: string; bold: string },
    private readonly margins: Margins,
    info: DocumentInfo,
  ) {
    this.doc = new PDFDocument({ autoFirstPage: false, compress: true, pdfVersion: '1.3', info: { Producer: 'pdfkit', Creator: 'pdfkit', ...info } });
    const internal = this.doc as unknown as { _font: EmbeddedFont };
    this.doc.font(fonts.regular);
    this.regular = new Face(internal._font);
    this.doc.font(fonts.bold);
    this.bold = new Face(internal._font);
  }

  private get page(): Page {
    return this.pages[this.pages.length - 1];
  }

  get pageCount(): number {
    return this.pages.length;
  }

  get orientation(): Orientation {
    return this.page.orientation;
  }

  get left(): number {
    return this.margins.left;
  }

  /** The width between the margins. */
  get contentWidth(): number {
    return this.page.width - this.margins.left - this.margins.right;
  }

  get bottom(): number {
    return this.page.height - this.margins.bottom;
  }

  /** At the top of a page, nothing drawn on it yet. */
  get atTop(): boolean {
    return this.y === this.margins.top;
  }

  addPage(orientation: Orientation = this.page.orientation): void {
    this.closePage();
    // A finished page's operators as one string: fewer objects for the collector to carry.
    const done = this.pages[this.pages.length - 1];
    if (done !== undefined && done.ops.length > 1) done.ops = [done.ops.join('\n')];
    this.sincePause++;
    const [width, height] = A4[orientation];
    this.pages.push({ orientation, width, height, ops: [], rules: new Map(), text: null });
    this.y = this.margins.top;
  }

  private sincePause = 0;

  /** A turn of the event loop every few pages: a server printing a long report answers others meanwhile. */
  async pause(): Promise<void> {
    if (this.sincePause < PAGES_A_TURN) return;
    this.sincePause = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** A new page unless `height` more fits on this one (or this one is still empty). */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom + 0.01 || this.atTop) return false;
    this.addPage();
    return true;
  }

  /** The page's text object closed and its rules stroked, a path for each width and colour. */
  private closePage(): void {
    this.endText();
    const page = this.pages[this.pages.length - 1];
    if (page === undefined) return;
    for (const [pen, segments] of page.rules) page.ops.push(`${pen} ${segments.join(' ')} S`);
    page.rules.clear();
  }

  private endText(): void {
    const page = this.pages[this.pages.length - 1];
    if (page?.text) {
      page.ops.push('ET');
      page.text = null;
    }
  }

  /**
   * One line of text, its top at `top`, its left (or right, or centre, by
   * `align`) at `x` in a box `width` wide; `textWidth` when already measured.
   */
  text(style: TextStyle, line: string, x: number, top: number, align: Align = 'left', width = 0, textWidth?: number): void {
    if (line === '') return;
    const { face, size } = style;
    const color = style.color ?? '#000000';
    let left = x;
    if (align !== 'left') {
      const measured = textWidth ?? face.width(line, size);
      left = align === 'right' ? x + width - measured : x + (width - measured) / 2;
    }
    const page = this.page;
    let state = page.text;
    if (state === null) {
      page.ops.push('BT');
      state = page.text = { font: '', size: 0, color: '#000000', x: NaN, y: NaN };
    }
    if (state.font !== face.id || state.size !== size) {
      page.ops.push(`/${face.id} ${n(size)} Tf`);
      state.font = face.id;
      state.size = size;
    }
    if (state.color !== color) {
      page.ops.push(`${rgb(color)} rg`);
      state.color = color;
    }
    // pdfkit's pages draw with y running down: the first text matrix turns the glyphs upright on
    // their baseline, each next line is placed from the one before (Td, its y upside down).
    const x2 = Math.round(left * 100) / 100;
    const y2 = Math.round((top + (face.ascender * size) / 1000) * 100) / 100;
    const place = Number.isNaN(state.x) ? `1 0 0 -1 ${n(x2)} ${n(y2)} Tm` : `${n(x2 - state.x)} ${n(state.y - y2)} Td`;
    state.x = x2;
    state.y = y2;
    page.ops.push(`${place} (${face.encode(line)}) Tj`);
  }

  /** A horizontal rule centred on `y`. */
  rule(x1: number, x2: number, y: number, width: number, color: string): void {
    if (width <= 0) return;
    const pen = `${n(width)} w ${rgb(color)} RG`;
    const rules = this.page.rules;
    let segments = rules.get(pen);
    if (segments === undefined) rules.set(pen, (segments = []));
    segments.push(`${n(x1)} ${n(y)} m ${n(x2)} ${n(y)} l`);
  }

  /** The document: each page's content in one stream, `footer` drawn on each with its number and the count. */
  async finish(footer: (page: number, pages: number, writer: PdfWriter) => void): Promise<Buffer> {
    const count = this.pages.length;
    const all = [...this.pages];
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    // The footers first, so that every glyph they use is in the font subsets before a page is written.
    all.forEach((page, index) => {
      this.pages.length = 0;
      this.pages.push(page);
      footer(index + 1, count, this);
      this.closePage();
    });
    for (const page of all) {
      this.doc.addPage({ size: 'A4', layout: page.orientation, margin: 0 });
      const fonts = (this.doc as unknown as { page: { fonts: Record<string, unknown> } }).page.fonts;
      fonts[this.regular.id] = this.regular.ref();
      fonts[this.bold.id] = this.bold.ref();
      this.doc.addContent(page.ops.join('\n'));
    }
    this.doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}
