import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import { DomainError, ErrorCode, ErrorDetails } from '../errors/domain-error';

/**
 * The route option (`@RouteConfig({ [STREAMED_BODY]: true })`) of routes that take their body as it streams in
 * (CSV or multipart uploads): their body is left unread for the handler. Every other route takes JSON only.
 */
export const STREAMED_BODY = 'streamedBody';

/** The deepest nesting of arrays and objects a JSON body may have; no request of the API needs more than 4. */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys that would reach an object's prototype if the body were ever merged into one, and the names of
 * Object.prototype's members (`toString`, `hasOwnProperty`…), which the DTO whitelist takes for known fields.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

export interface JsonBodyOptions {
  /** Largest body in bytes, counted after decompression. */
  limitBytes: number;
  /** How long the whole body may take to arrive. */
  timeoutMs: number;
}

const malformed = (message: string, details?: ErrorDetails) => new DomainError(ErrorCode.MALFORMED_BODY, message, details);

/** Requests whose body was refused before it was all read: their connection cannot be reused. */
const unread = new WeakSet<IncomingMessage>();

/** Whether the request's body was left (partly) unread, so the answer must close the connection. */
export function bodyLeftUnread(raw: IncomingMessage): boolean {
  return unread.has(raw);
}

/** Leaves the body unread (drained, not kept): the answer closes the connection (`bodyLeftUnread`). */
function leaveUnread(raw: IncomingMessage, payload: Readable): void {
  unread.add(raw);
  payload.resume();
}

/**
 * Closes the connection once the answer is sent: what is left of the body is not read. The error filter calls
 * this for a request whose body was refused half-read, and the uploads for one that stalled.
 */
export function closeAfterAnswer(raw: IncomingMessage, reply: FastifyReply): void {
  reply.header('Connection', 'close');
  reply.raw.once('finish', () => raw.socket?.destroy());
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

/** Refuses anything but UTF-8 JSON before the body is read. */
function checkContentType(headers: IncomingHttpHeaders): void {
  const header = headers['content-type'];
  if (!header) throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'a request body must be sent as Content-Type: application/json');
  const [rawType, ...parameters] = header.split(';');
  const type = rawType.trim().toLowerCase();
  const charsetParameter = parameters.map((p) => /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p)).find(Boolean);
  const charset = charsetParameter?.[1];
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Type ${type} is not accepted here; send application/json`, {
      contentType: type,
    });
  }
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
    throw malformed(`charset ${charset} is not accepted; JSON bodies must be UTF-8`, { charset });
  }
}

function decoded(req: IncomingMessage, payload: Readable): Readable {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return payload;
  if (encoding === 'gzip' || encoding === 'x-gzip') return payload.pipe(createGunzip());
  if (encoding === 'deflate') return payload.pipe(createInflate());
  throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `Content-Encoding ${encoding} is not accepted; use gzip, deflate or none`, {
    contentEncoding: encoding,
  });
}

/** Reads the body within the limits: too large → 413, too slow → 408 (and the connection closed), bad gzip → 400. */
function readBody(req: IncomingMessage, payload: Readable, options: JsonBodyOptions): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.limitBytes) {
    leaveUnread(req, payload);
    return Promise.reject(new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `request body is too large (over ${options.limitBytes} bytes)`));
  }
  const source = decoded(req, payload);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: DomainError | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      source.removeAllListeners('data');
      if (error) {
        // What is left of the body is not read: the connection cannot be reused.
        if (source !== payload) source.destroy();
        payload.unpipe();
        leaveUnread(req, payload);
        reject(error);
      } else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const timer = setTimeout(
      () => finish(new DomainError(ErrorCode.REQUEST_TIMEOUT, `request body did not arrive within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limitBytes) {
        finish(new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `request body is too large (over ${options.limitBytes} bytes)`));
      } else chunks.push(chunk);
    });
    source.once('end', () => finish(null));
    source.once('error', (error: Error) => {
      const zlib = source !== payload && (error as { errno?: unknown }).errno !== undefined;
      finish(zlib ? malformed(`request body is not valid ${req.headers['content-encoding']} data`) : malformed(`request body could not be read: ${error.message}`));
    });
    req.once('aborted', () => finish(malformed('request body was cut off')));
  });
}

/** Depth of arrays and objects, counted on the text so a body nested 100,000 deep never reaches the parser. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badText(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(value)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/** Refuses prototype keys, NUL characters and lone surrogates anywhere in the parsed body, naming where. */
export function checkJsonValue(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    const problem = badText(value);
    if (problem) throw malformed(`${path || 'body'} ${problem}`, [{ field: path || 'body', problem }]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonValue(item, `${path}[${index}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        throw malformed(`key ${JSON.stringify(key)} is not accepted (at ${field})`, [{ field, problem: `key ${key} is not accepted` }]);
      }
      const problem = badText(key);
      if (problem) throw malformed(`a key at ${path || 'the top level'} ${problem}`, [{ field: path || 'body', problem: `a key ${problem}` }]);
      checkJsonValue((value as Record<string, unknown>)[key], field);
    }
  }
}

/** Decodes UTF-8, refusing bytes that are not (one decoder for every body: decode() without `stream` keeps no state). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Turns the bytes of a body into a JSON value or a 400 naming what is wrong with them. */
export function parseJsonBody(bytes: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw malformed('request body is not valid UTF-8');
  }
  if (text.trim() === '') return {};
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw malformed(`request body is nested deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DomainError(ErrorCode.MALFORMED_JSON, `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object') {
    throw new DomainError(ErrorCode.MALFORMED_JSON, 'request body must be a JSON object');
  }
  checkJsonValue(value);
  return value;
}

/** The answer to an upload that is neither CSV nor a multipart form. */
export function uploadTypeRefused(): DomainError {
  return new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'send the CSV as text/csv, or as the "file" field of multipart/form-data');
}

function streamedBody(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { [STREAMED_BODY]?: boolean } | undefined)?.[STREAMED_BODY] === true;
}

/**
 * The one body parser of the API: JSON in UTF-8 only, read within a size limit and a time limit, checked for
 * depth, prototype keys, NUL characters and lone surrogates before any controller sees it. It replaces every
 * parser of Fastify's (one for all content types), and the type is checked before Fastify looks at it, so a
 * body of another type is the service's 415, whatever the method or path. The upload routes (STREAMED_BODY)
 * read their own bodies.
 */
export function registerJsonBody(fastify: FastifyInstance, options: JsonBodyOptions): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const headers = request.headers;
    if (!hasBody(headers)) return done(null, payload);
    try {
      if (!streamedBody(request)) checkContentType(headers);
      // An upload's type is the route's to judge, unless it is no media type at all (which Fastify would refuse).
      else if (headers['content-type'] !== undefined && request.mediaType === '/') throw uploadTypeRefused();
    } catch (error) {
      leaveUnread(request.raw, payload);
      return done(error as Error);
    }
    done(null, payload);
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request: FastifyRequest, payload: IncomingMessage, done: (error: Error | null, body?: unknown) => void) => {
    if (streamedBody(request) || !hasBody(request.headers)) return done(null, undefined);
    let reading: Promise<Buffer>;
    try {
      reading = readBody(request.raw, payload, options);
    } catch (error) {
      // An encoding not accepted.
      leaveUnread(request.raw, payload);
      return done(error as Error);
    }
    reading.then(
      (bytes) => {
        let body: unknown;
        try {
          body = parseJsonBody(bytes);
        } catch (error) {
          return done(error as Error);
        }
        done(null, body);
      },
      (error: Error) => done(error),
    );
  });
}

/** Query parameters carrying a NUL character or a lone surrogate are refused (PostgreSQL cannot store or compare them). */
export function checkQuery(request: FastifyRequest): void {
  const query = request.query as Record<string, string | string[] | undefined> | undefined;
  for (const name in query) {
    const value = query[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      const problem = typeof item === 'string' ? badText(item) : null;
      if (problem) throw new DomainError(ErrorCode.VALIDATION_FAILED, `${name}: ${problem}`, [{ field: name, problem }]);
    }
  }
}
