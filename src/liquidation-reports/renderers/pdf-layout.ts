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

interface Glyph {
  /** The glyph in the font's subset, as the content stream writes it. */
  hex: string;
  /** Its advance, in thousandths of the font size. */
  advance: number;
}

/** A font as the writer draws it: each character's glyph and advance looked up once. */
export class Face {
  private readonly glyphs = new Map<number, Glyph>();
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

  private glyph(codePoint: number): Glyph {
    let glyph = this.glyphs.get(codePoint);
    if (glyph === undefined) {
      const embedded = this.embedded;
      const found = embedded.font.glyphForCodePoint(codePoint);
      const id = embedded.subset.includeGlyph(found.id);
      const advance = found.advanceWidth * embedded.scale;
      if (embedded.widths[id] == null) embedded.widths[id] = advance;
      if (embedded.unicode[id] == null) embedded.unicode[id] = [codePoint];
      glyph = { hex: `0000${id.toString(16)}`.slice(-4), advance };
      this.glyphs.set(codePoint, glyph);
    }
    return glyph;
  }

  /** The width of `text` at `size` points. */
  width(text: string, size: number): number {
    let advance = 0;
    for (let index = 0; index < text.length; index++) {
      let codePoint = text.charCodeAt(index);
      if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < text.length) {
        codePoint = text.codePointAt(index)!;
        index++;
      }
      advance += this.glyph(codePoint).advance;
    }
    return (advance * size) / 1000;
  }

  /** The text as glyphs of the embedded subset, hexadecimal. */
  encode(text: string): string {
    let hex = '';
    for (const char of text) hex += this.glyph(char.codePointAt(0)!).hex;
    return hex;
  }

  /** The height of a line at `size` points, as pdfmake set it: ascender to descender, no gap. */
  lineHeight(size: number): number {
    return ((this.ascender - this.descender) * size) / 1000;
  }
}

/** Characters a line may break before or after: Chinese, Japanese and Korean script, each character a word. */
const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
/** Punctuation that never starts a line: kept with the character before it. */
const CLOSING = /[，。、；：！？）》」』】,.;:!?)\]}%]/;

/** The text cut where a line may break: after spaces, around CJK characters, after a hyphen inside a word. */
export function breakable(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  const chars = [...text];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index];
    if (char === ' ') {
      current += char;
      continue;
    }
    const cjk = CJK.test(char);
    if (current !== '' && (current.endsWith(' ') || cjk || CJK.test(current[current.length - 1])) && !CLOSING.test(char)) {
      tokens.push(current);
      current = '';
    }
    current += char;
    if (char === '-' && index > 0 && /[A-Za-z]/.test(chars[index - 1]) && /[A-Za-z]/.test(chars[index + 1] ?? '')) {
      tokens.push(current);
      current = '';
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
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
    for (const token of breakable(line)) widest = Math.max(widest, style.face.width(token.trimEnd(), style.size));
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

const n = (value: number): string => String(Math.round(value * 100) / 100);

const A4: Readonly<Record<Orientation, readonly [number, number]>> = { portrait: [595.28, 841.89], landscape: [841.89, 595.28] };

interface Page {
  orientation: Orientation;
  width: number;
  height: number;
  ops: string[];
  /** The font and colour of the open text object, or null when none is open. */
  text: { font: string; size: number; color: string } | null;
}

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
    this.endText();
    const [width, height] = A4[orientation];
    this.pages.push({ orientation, width, height, ops: [], text: null });
    this.y = this.margins.top;
  }

  /** A new page unless `height` more fits on this one (or this one is still empty). */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom + 0.01 || this.atTop) return false;
    this.addPage();
    return true;
  }

  private endText(): void {
    const page = this.pages[this.pages.length - 1];
    if (page?.text) {
      page.ops.push('ET');
      page.text = null;
    }
  }

  /** One line of text, its top at `top`, its left (or right, or centre, by `align`) at `x`. */
  text(style: TextStyle, line: string, x: number, top: number, align: Align = 'left', width = 0): void {
    if (line === '') return;
    const { face, size } = style;
    const color = style.color ?? '#000000';
    let left = x;
    if (align !== 'left') {
      const textWidth = face.width(line, size);
      left = align === 'right' ? x + width - textWidth : x + (width - textWidth) / 2;
    }
    const page = this.page;
    if (page.text === null) {
      page.ops.push('BT');
      page.text = { font: '', size: 0, color: '#000000' };
    }
    if (page.text.font !== face.id || page.text.size !== size) {
      page.ops.push(`/${face.id} ${n(size)} Tf`);
      page.text.font = face.id;
      page.text.size = size;
    }
    if (page.text.color !== color) {
      page.ops.push(`${rgb(color)} rg`);
      page.text.color = color;
    }
    // pdfkit's pages draw with y running down; the text matrix turns the glyphs upright on their baseline.
    page.ops.push(`1 0 0 -1 ${n(left)} ${n(top + (face.ascender * size) / 1000)} Tm <${face.encode(line)}> Tj`);
  }

  /** A horizontal rule centred on `y`. */
  rule(x1: number, x2: number, y: number, width: number, color: string): void {
    if (width <= 0) return;
    this.endText();
    this.page.ops.push(`${n(width)} w ${rgb(color)} RG ${n(x1)} ${n(y)} m ${n(x2)} ${n(y)} l S`);
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
      this.endText();
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
