import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request is known by: the caller's `X-Request-Id` when it is a sane token, else a new UUID. */
export function requestIdOf(req: Request): string {
  const existing = (req as { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Gives every request its id (read by the logger and every error body) and echoes it in the answer. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req);
  (req as { id?: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/** Answers of the API are about one caller at one moment (some carry tokens): no cache keeps them. */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/') || req.path === '/api') res.setHeader('Cache-Control', 'no-store');
  next();
}
