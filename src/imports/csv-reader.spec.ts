import { CsvItem, MAX_RECORD_CHARS, readCsvText } from './csv-reader';

async function read(text: string, chunkSize = text.length || 1): Promise<CsvItem[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const items: CsvItem[] = [];
  for await (const item of readCsvText(chunks())) items.push(item);
  return items;
}

const record = (line: number, ...cells: string[]) => ({ kind: 'record', line, cells });
const problem = (line: number, column: number, text: string) => ({ kind: 'problem', line, column, problem: expect.stringContaining(text) });

describe('CSV reader (RFC 4180, going on past a bad record)', () => {
  // Every case is read whole and in chunks of 1, 2 and 3 characters: a chunk boundary changes nothing.
  const bySize = (text: string) => Promise.all([text.length || 1, 1, 2, 3].map((size) => read(text, size)));

  it('reads quoted cells with commas, doubled quotes and line breaks, LF and CRLF, a BOM and blank lines', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x,y","say ""hi"""\r\n\r\n2,"two\nlines",\n"",,"3"\n';
    for (const items of await bySize(text)) {
      expect(items).toEqual([record(1, 'a', 'b', 'c'), record(2, '1', 'x,y', 'say "hi"'), record(4, '2', 'two\nlines', ''), record(6, '', '', '3')]);
    }
  });

  it('reads a last record without a line break', async () => {
    for (const items of await bySize('a,b\n1,"2"')) expect(items).toEqual([record(1, 'a', 'b'), record(2, '1', '2')]);
  });

  it('names a quote inside an unquoted cell and reads on from the next line', async () => {
    for (const items of await bySize('a,b,c\n1,2,3\n4,x"y,6\n7,8,9\n')) {
      expect(items).toEqual([record(1, 'a', 'b', 'c'), record(2, '1', '2', '3'), problem(3, 2, 'quote inside an unquoted cell'), record(4, '7', '8', '9')]);
    }
  });

  it('names text after a closing quote and reads on from the next line', async () => {
    for (const items of await bySize('a,b,c\n4,"xy"z,6\n7,8,9\n')) {
      expect(items).toEqual([record(1, 'a', 'b', 'c'), problem(2, 2, 'text follows the closing quote'), record(3, '7', '8', '9')]);
    }
  });

  it('names a quote never closed on the line it opened, and reads on from the line after it', async () => {
    for (const items of await bySize('a,b,c\n1,2,3\n4,"xy,6\n7,8,9\n10,11,12')) {
      expect(items).toEqual([
        record(1, 'a', 'b', 'c'), record(2, '1', '2', '3'), problem(3, 2, 'never closed'), record(4, '7', '8', '9'), record(5, '10', '11', '12'),
      ]);
    }
  });

  it('takes a quote open past the longest record as never closed, without reading the rest of the file into memory', async () => {
    const text = `a\n"open\n${'x\n'.repeat(MAX_RECORD_CHARS)}`;
    const items = await read(text, 4096);
    expect(items[0]).toEqual(record(1, 'a'));
    expect(items[1]).toEqual(problem(2, 1, 'never closed'));
    expect(items.slice(2, 4)).toEqual([record(3, 'x'), record(4, 'x')]);
  });

  it('stops reading when the reader stops', async () => {
    let pulled = 0;
    async function* chunks() {
      for (;;) {
        pulled += 1;
        yield 'a,b\n';
      }
    }
    for await (const item of readCsvText(chunks())) if (item.kind === 'record' && item.line === 3) break;
    expect(pulled).toBeLessThan(5);
  });
});
