import { parseArgs, ParseArgsConfig } from 'node:util';
import type { INestApplicationContext, Type } from '@nestjs/common';

/**
 * What the command line says when it stops: one line on stderr, no stack
 * (unless DEBUG=1), and an exit code: 2 when the command line itself is wrong
 * (an unknown option, a missing or malformed value), 1 when it is right but
 * what it names cannot be done (an unknown project, report or file, a
 * database that refuses).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

export const debugging = (): boolean => process.env.DEBUG === '1' || process.env.DEBUG === 'true';

/** Runs a command: its errors become one line on stderr and a non-zero exit code. */
export function runCli(name: string, command: () => Promise<void>): void {
  command().then(
    () => {
      // Pools, timers and file handles of the application are closed by now; a straggler must not keep the process waiting.
      process.exit(process.exitCode ?? 0);
    },
    (error: unknown) => {
      const exitCode = error instanceof CliError ? error.exitCode : 1;
      const message = describe(error);
      process.stderr.write(`${name}: ${firstLine(message)}${exitCode === 2 ? ` (see npm run ${name} -- --help)` : ''}\n`);
      if (debugging() && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exit(exitCode);
    },
  );
}

/** The error's message; a database that cannot be reached is said so, with where it was looked for. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ECONNREFUSED' || errno === 'ENOTFOUND' || errno === 'ETIMEDOUT' || errno === 'EHOSTUNREACH') {
    const where = process.env.DATABASE_URL ? 'DATABASE_URL' : 'the embedded database';
    return `cannot reach the database (${where}): ${message}`;
  }
  return message;
}

function firstLine(message: string): string {
  const line = message.split('\n').find((part) => part.trim() !== '') ?? message;
  return line.trim();
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Node's parseArgs, with its errors said as the command line says them. */
export function parseOptions<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw usageError(`unknown option ${option}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(-[^ ']+)/.exec(message)?.[1];
      if (option && /argument missing|requires a value|ambiguous/i.test(message)) throw usageError(`${option} needs a value`);
      if (option && /does not take an argument/i.test(message)) throw usageError(`${option} takes no value`);
      throw usageError(message);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const value = /'([^']+)'/.exec(message)?.[1] ?? '';
      throw usageError(`unexpected argument ${value}`.trim());
    }
    throw usageError(message);
  }
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw usageError(`--${name} is required`);
  return value;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Today's business date as the service counts it (UTC, like Clock.today()). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A calendar date `YYYY-MM-DD` that exists and is not after today. */
export function businessDate(value: string, name: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw usageError(`--${name} "${value}" is not a date in YYYY-MM-DD form (e.g. 2026-11-30)`);
  }
  const now = today();
  if (value > now) throw usageError(`--${name} ${value} is in the future (today is ${now})`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(value: string, name: string): string {
  if (!UUID.test(value)) throw usageError(`--${name} "${value}" is not a report id (a UUID such as 0b6f1c9e-3f55-4c1e-9a57-2d0c4f6b8e21)`);
  return value.toLowerCase();
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/**
 * The application context of the command line: only the modules it names,
 * quiet unless DEBUG=1, and throwing (not aborting the process) when the
 * database cannot be reached.
 */
export async function openContext(module: Type<unknown>): Promise<INestApplicationContext> {
  process.env.LOG_LEVEL ??= 'warn';
  const { NestFactory } = await import('@nestjs/core');
  return NestFactory.createApplicationContext(module, {
    logger: debugging() ? ['error', 'warn', 'log'] : false,
    abortOnError: false,
  });
}
