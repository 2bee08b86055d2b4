import { createReadStream } from 'node:fs';

export interface CsvRecord {
  kind: 'record';
  /** The file line the record starts on (1 is the header). */
  line: number;
  cells: string[];
}

/** A record that is not valid CSV: where it went wrong (1-based line and column, i.e. cell position), and how. */
export interface CsvProblem {
  kind: 'problem';
  line: number;
  column: number;
  problem: string;
}

export type CsvItem = CsvRecord | CsvProblem;

/** A record longer than this (in characters) is refused; an open quote running past it is taken as never closed. */
export const MAX_RECORD_CHARS = 256 * 1024;

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * A streaming RFC 4180 reader that goes on past a bad record: quoted cells may
 * hold commas, doubled quotes and line breaks; a UTF-8 BOM is dropped, blank
 * lines skipped, LF and CRLF both end a record. A malformed record — a quote
 * inside an unquoted cell, text after a closing quote, a quote never closed —
 * is answered as a problem naming its line and column, and reading resumes at
 * the next line (for a quote never closed: the line after the one it opened on).
 * Stopping the iteration early closes the source.
 */
export async function* readCsvText(chunks: AsyncIterable<string>): AsyncGenerator<CsvItem> {
  const source = chunks[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let ended = false;
  let line = 1;
  let first = true;

  /** Reads more: false at the end of the input. Keeps `buf` from `keepFrom` on. */
  const more = async (keepFrom: number): Promise<boolean> => {
    if (ended) return false;
    const next = await source.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buf = buf.slice(keepFrom) + next.value;
    pos -= keepFrom;
    return true;
  };

  /** Skips the rest of the current physical line (and its line break): the resynchronisation after a bad record. */
  const skipLine = async (): Promise<void> => {
    for (;;) {
      const lf = buf.indexOf('\n', pos);
      const cr = buf.indexOf('\r', pos);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end !== -1) {
        pos = end + 1;
        if (buf.charCodeAt(end) === CR) {
          if (pos >= buf.length && !(await more(pos))) return;
          if (buf.charCodeAt(pos) === LF) pos += 1;
        }
        return;
      }
      pos = buf.length;
      if (!(await more(pos))) return;
    }
  };

  try {
    for (;;) {
      if (pos >= buf.length && !(await more(pos))) return;
      if (first) {
        first = false;
        if (buf.charCodeAt(0) === 0xfeff) pos = 1;
      }
      // One record, from `start`.
      let start = pos;
      const startLine = line;
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      let column = 1;
      let bad: { column: number; problem: string; resumeAt?: number } | null = null;
      let quoteOpenedAt = 0;
      let lines = 0;
      let done = false;
      /** At the start of a cell: a quote here opens a quoted cell. */
      let fresh = true;
      /** Reads more, keeping the record: its positions move with it. */
      const refill = async (): Promise<boolean> => {
        const from = start;
        if (!(await more(from))) return false;
        start -= from;
        quoteOpenedAt -= from;
        return true;
      };
      while (!done && !bad) {
        if (pos >= buf.length) {
          if (!(await refill())) {
            if (quoted) bad = { column, problem: 'a quoted cell is never closed (unterminated quote)', resumeAt: quoteOpenedAt };
            else {
              cells.push(cell);
              done = true;
            }
            break;
          }
        }
        if (pos - start > MAX_RECORD_CHARS) {
          bad = quoted
            ? { column, problem: 'a quoted cell is never closed (unterminated quote)', resumeAt: quoteOpenedAt }
            : { column, problem: `the line is longer than ${MAX_RECORD_CHARS} characters` };
          break;
        }
        const code = buf.charCodeAt(pos);
        if (quoted) {
          if (code === QUOTE) {
            if (pos + 1 >= buf.length && !ended && (await refill())) continue;
            if (buf.charCodeAt(pos + 1) === QUOTE) {
              cell += '"';
              pos += 2;
              continue;
            }
            // The closing quote: a comma, a line break or the end must follow.
            pos += 1;
            quoted = false;
            if (pos >= buf.length && !ended && !(await refill())) continue;
            const after = buf.charCodeAt(pos);
            if (pos < buf.length && after !== COMMA && after !== LF && after !== CR) bad = { column, problem: 'text follows the closing quote of a quoted cell' };
            continue;
          }
          // Quoted text up to the next quote in one slice, counting its line breaks.
          let end = buf.indexOf('"', pos);
          if (end === -1) end = buf.length;
          for (let i = buf.indexOf('\n', pos); i !== -1 && i < end; i = buf.indexOf('\n', i + 1)) lines += 1;
          cell += buf.slice(pos, end);
          pos = end;
          continue;
        }
        if (code === COMMA) {
          cells.push(cell);
          cell = '';
          column += 1;
          pos += 1;
          fresh = true;
          continue;
        }
        if (code === LF || code === CR) {
          pos += 1;
          if (code === CR) {
            if (pos >= buf.length) await refill();
            if (buf.charCodeAt(pos) === LF) pos += 1;
          }
          lines += 1;
          cells.push(cell);
          done = true;
          break;
        }
        if (code === QUOTE) {
          if (fresh) {
            fresh = false;
            quoted = true;
            quoteOpenedAt = pos;
            pos += 1;
            continue;
          }
          bad = { column, problem: 'a quote inside an unquoted cell (quote the whole cell and double the quote: "a ""b"" c")' };
          break;
        }
        fresh = false;
        // Plain text up to the next special character in one slice.
        let end = pos + 1;
        while (end < buf.length) {
          const c = buf.charCodeAt(end);
          if (c === COMMA || c === LF || c === CR || c === QUOTE) break;
          end += 1;
        }
        cell += buf.slice(pos, end);
        pos = end;
      }
      if (bad) {
        if (bad.resumeAt !== undefined) {
          // Never closed: what followed the quote is read again, from the line after the one it opened on.
          pos = start;
          line = startLine;
          const opened = buf.slice(start, Math.min(bad.resumeAt, buf.length));
          for (let i = 0; i < opened.length; i += 1) if (opened.charCodeAt(i) === LF || (opened.charCodeAt(i) === CR && opened.charCodeAt(i + 1) !== LF)) line += 1;
          yield { kind: 'problem', line, column: bad.column, problem: bad.problem };
          pos = bad.resumeAt;
          await skipLine();
          line += 1;
        } else {
          yield { kind: 'problem', line: startLine + lines, column: bad.column, problem: bad.problem };
          line = startLine + lines;
          await skipLine();
          line += 1;
        }
        continue;
      }
      line = startLine + lines;
      // A blank line is no record.
      if (cells.length === 1 && cells[0] === '' && buf.charCodeAt(start) !== QUOTE) continue;
      yield { kind: 'record', line: startLine, cells };
    }
  } finally {
    await source.return?.(undefined);
  }
}

/** The records of a CSV file, streamed (see `readCsvText`); breaking out of the loop closes the file. */
export async function* readCsv(path: string): AsyncGenerator<CsvItem> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    yield* readCsvText(stream as AsyncIterable<string>);
  } finally {
    stream.destroy();
  }
}
