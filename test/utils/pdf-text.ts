import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';

let workerLoaded = false;

/**
 * pdf.js starts its worker with a dynamic import, which jest's CommonJS
 * sandbox refuses; pdf.js takes a worker already loaded on `globalThis`
 * instead, so Node's own require (outside the sandbox, and able to load an
 * ES module) loads the one shipped beside pdf-parse.
 */
function loadPdfWorker(): void {
  if (workerLoaded) return;
  const worker = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
  Object.assign(globalThis, { pdfjsWorker: nodeRequire(worker) });
  workerLoaded = true;
}

/** The text of a PDF and its page count, as a reader's tool extracts them. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  loadPdfWorker();
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}
