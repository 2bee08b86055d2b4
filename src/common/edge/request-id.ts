import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request as the edge sees it: Fastify's request, or the Node request beneath it (which the logger is given). */
interface IdentifiedRequest {
  id?: unknown;
  headers: IncomingHttpHeaders;
}

/** The id a request is known by: the caller's `X-Request-Id` when it is a sane token, else a new UUID. */
export function requestIdOf(req: IdentifiedRequest): string {
  const existing = req.id;
  if (typeof existing === 'string') return existing;
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Fastify's `genReqId`: names the request once, before any hook runs, and writes the id on the Node request too,
 * where the logger (pino-http, a Nest middleware) reads it.
 */
export function assignRequestId(raw: IdentifiedRequest): string {
  const id = requestIdOf(raw);
  raw.id = id;
  return id;
}

/** Echoes the request's id in the answer (every error body carries it too). */
export function echoRequestId(request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id);
}

/** Answers of the API are about one caller at one moment (some carry tokens): no cache keeps them. */
export function noStore(request: FastifyRequest, reply: FastifyReply): void {
  const url = request.url;
  if (url.startsWith('/api/') || url === '/api' || url.startsWith('/api?')) reply.header('Cache-Control', 'no-store');
}
