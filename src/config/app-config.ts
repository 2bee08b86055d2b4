import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment the service reads, validated once at boot. */
export class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'ADMIN_TOKEN must be at least 16 characters long' })
  @MaxLength(512)
  ADMIN_TOKEN?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Requests per minute one bearer token may make; 0 turns the limit off. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute one client address may make; 0 turns the limit off. */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE = 1200;

  /** How long a request body may take to arrive before the request is answered 408. */
  @IsInt()
  @Min(1)
  @Max(600_000)
  BODY_TIMEOUT_MS = 30_000;
}

const NUMERIC_KEYS = new Set(['PORT', 'RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 'BODY_TIMEOUT_MS']);

export class InvalidConfigError extends Error {}

/** Fails fast, naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of ['DATABASE_URL', 'DATA_DIR', 'ADMIN_TOKEN', 'LOG_LEVEL', ...NUMERIC_KEYS]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = NUMERIC_KEYS.has(key) && /^\d+$/.test(value) ? Number(value) : value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
