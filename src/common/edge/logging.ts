import type { Request } from 'express';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { requestIdOf } from './request-id';

/** Fields whose values identify or give access: never written to a log. */
export const SECRET_FIELDS = ['idNumber', 'phone', 'bankAccount', 'token', 'tokenHash', 'password', 'authorization', 'cookie'] as const;

/** Every place a secret field may sit in a log line: the request, the answer, an error, or a body logged on its own. */
export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`, `*.*.*.*.${field}`]),
  'err.parameters',
  'err.driverError.parameters',
  'err.driverError.detail',
  '*.parameters',
];

let destination: DestinationStream | undefined;

/** Sends the service's log lines to `stream` instead of stdout (tests read them); undefined restores stdout. */
export function setLogDestination(stream: DestinationStream | undefined): void {
  destination = stream;
}

export function loggerParams(config: AppConfig): Params {
  const options = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req: unknown) => requestIdOf(req as Request),
    autoLogging: { ignore: (req: { url?: string }) => (req.url ?? '').startsWith('/health') },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
