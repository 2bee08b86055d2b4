import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** The file line the record starts on (1 is the header). */
  line: number;
  cells: string[];
}

/** The records of a CSV file, streamed: a UTF-8 BOM is dropped, blank lines skipped, quoting per RFC 4180. */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, cells: record };
  }
}
