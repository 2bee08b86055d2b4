import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
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
    genReqId: (req: unknown) => requestIdOf(req as IncomingMessage),
    autoLogging: { ignore: (req: { url?: string }) => (req.url ?? '').startsWith('/health') },
    ...(destination ? {} : { transport: prettyOnTerminal() }),
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/** Nest's own start-up chatter (every module and route, a hundred lines): kept at debug, so the start is one line. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'NestApplication', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The service's logger: pino (JSON lines; readable lines on a terminal), Nest's start-up messages at debug. */
@Injectable()
export class ServiceLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) return super.debug(message, ...optionalParams);
    return super.log(message, ...optionalParams);
  }
}

/** On a terminal, pino-pretty's one readable line an event (when installed: it is a development dependency). */
function prettyOnTerminal(): { target: string; options: Record<string, unknown> } | undefined {
  if (!process.stdout.isTTY) return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } };
}
