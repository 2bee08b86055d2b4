import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply } from 'fastify';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { closeAfterAnswer, uploadTypeRefused } from '../common/edge/json-body';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { UploadedCsv } from './imports.service';

/** The largest file accepted. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

const UPLOAD_DIR = join(tmpdir(), 'ledger-imports');

/** Hashes what passes through and refuses more than the limit; `bytes()` tells how many passed. */
function hashingLimit(hash: ReturnType<typeof createHash>): Transform & { bytes(): number } {
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) return callback(new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `the file is larger than ${MAX_UPLOAD_BYTES} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return Object.assign(transform, { bytes: () => bytes });
}

const EMPTY = () => DomainError.invalid('file', 'is empty: the upload has no content');

/** A multipart body must name its boundary: a 400 naming what is wrong with its Content-Type. */
function requireBoundary(contentType: string): void {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!match) throw DomainError.invalid('Content-Type', 'is multipart/form-data without a boundary parameter: let the client set it (e.g. multipart/form-data; boundary=...)');
}

/**
 * An upload that stalls — no byte for `idleMs` — is answered 408 and its
 * connection closed after the answer. A large file may take long to arrive;
 * one that stops arriving holds a connection for nothing.
 */
function stallGuard(request: IncomingMessage, reply: FastifyReply, idleMs: number, onStall: (error: DomainError) => void) {
  let stalled: DomainError | null = null;
  let timer: NodeJS.Timeout | undefined;
  const stall = () => {
    stalled = new DomainError(ErrorCode.REQUEST_TIMEOUT, `the upload stalled: no data arrived for ${idleMs} ms`);
    closeAfterAnswer(request, reply);
    onStall(stalled);
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(stall, idleMs);
  };
  request.on('data', arm);
  arm();
  return {
    error: () => stalled,
    stop: () => {
      clearTimeout(timer);
      request.off('data', arm);
    },
  };
}

/**
 * Streams an uploaded CSV to a temporary file while hashing it, never holding
 * it in memory: a `text/csv` body, or the `file` part of a multipart form.
 * An upload that stalls for `idleMs` is a 408. `request` is the Node request beneath Fastify's (whose body
 * the route leaves unread), `reply` the answer the 408 closes the connection after.
 */
export async function receiveCsv(request: IncomingMessage, reply: FastifyReply, idleMs: number): Promise<UploadedCsv> {
  await mkdir(UPLOAD_DIR, { recursive: true });
  const path = join(UPLOAD_DIR, `${randomUUID()}.csv`);
  const hash = createHash('sha256');
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  let reading: NodeJS.WritableStream | null = null;
  const guard = stallGuard(request, reply, idleMs, (error) => {
    if (reading) request.unpipe(reading);
    (reading as unknown as { destroy(error: Error): void } | null)?.destroy(error);
  });
  try {
    if (type.startsWith('text/csv') || type.startsWith('application/csv') || type.startsWith('text/plain')) {
      const counted = hashingLimit(hash);
      reading = counted;
      request.once('error', (error) => counted.destroy(error));
      request.once('aborted', () => counted.destroy(DomainError.invalid('body', 'was cut off before its end')));
      request.pipe(counted);
      await pipeline(counted, createWriteStream(path));
      if (counted.bytes() === 0) throw EMPTY();
      return { path, sha256: hash.digest('hex'), filename: null };
    }
    if (type.startsWith('multipart/form-data')) {
      requireBoundary(request.headers['content-type'] ?? '');
      const counted = hashingLimit(hash);
      const filename = await new Promise<string>((resolve, reject) => {
        const form = busboy({ headers: request.headers, limits: { files: 1 } });
        reading = form;
        let received: Promise<string> | null = null;
        form.on('file', (field, file, info) => {
          if (field !== 'file' || received) {
            file.resume();
            return;
          }
          received = pipeline(file, counted, createWriteStream(path)).then(() => info.filename ?? 'upload.csv');
        });
        // A body busboy cannot read (cut short, not multipart) is the client's.
        form.on('error', (error: Error) => reject(error instanceof DomainError ? error : DomainError.invalid('body', `is not a readable multipart form: ${error.message}`)));
        form.on('close', () => {
          if (!received) reject(DomainError.invalid('file', 'is missing: send the CSV as the multipart field "file"'));
          else received.then(resolve, reject);
        });
        request.pipe(form);
      });
      if (counted.bytes() === 0) throw EMPTY();
      return { path, sha256: hash.digest('hex'), filename: filename.slice(0, 300) };
    }
  } catch (error) {
    await rm(path, { force: true });
    throw guard.error() ?? error;
  } finally {
    guard.stop();
  }
  throw uploadTypeRefused();
}
