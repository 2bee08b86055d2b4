import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { parseSigningKey } from './signing-key';

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

  /** The tables' owner: pending migrations are applied through it at boot, then the service connects with DATABASE_URL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /**
   * A streaming replica of DATABASE_URL's database (same role and password): the read-heavy list and report GETs
   * read from it; writes never do. Its reads may lag the primary. Unreachable, those reads fall back to the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_READ_URL?: string;

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

  /** How long an import stays owned by its process without a renewal; past it, any process may fail the import. */
  @IsInt()
  @Min(2)
  @Max(3600)
  IMPORT_LEASE_SECONDS = 30;

  /** How often a process renews the leases of its imports (and sweeps the expired ones); less than IMPORT_LEASE_SECONDS. */
  @IsInt()
  @Min(1)
  @Max(600)
  IMPORT_LEASE_RENEW_SECONDS = 5;

  /** Ed25519 private key (PEM) that signs the audit chain's head; unset, heads go unsigned. */
  @IsOptional()
  @ValidateBy({
    name: 'isEd25519PrivateKeyPem',
    validator: { validate: isSigningKey, defaultMessage: () => 'AUDIT_SIGNING_KEY must be an Ed25519 private key in PEM' },
  })
  AUDIT_SIGNING_KEY?: string;

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

function isSigningKey(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    parseSigningKey(value);
    return true;
  } catch {
    return false;
  }
}

const NUMERIC_KEYS = new Set([
  'PORT', 'IMPORT_LEASE_SECONDS', 'IMPORT_LEASE_RENEW_SECONDS', 'RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 'BODY_TIMEOUT_MS',
]);

export class InvalidConfigError extends Error {}

/** Every variable the service reads. */
export const CONFIG_KEYS = ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DATABASE_READ_URL', 'DATA_DIR', 'ADMIN_TOKEN', 'LOG_LEVEL', 'AUDIT_SIGNING_KEY', ...NUMERIC_KEYS] as const;

/**
 * The schema's validation: @nestjs/config hands it the environment (and `.env`), and the service gets back a typed
 * AppConfig or fails fast, naming every bad variable. Empty strings count as unset.
 */
export function validateEnvironment(env: Record<string, unknown>): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC_KEYS.has(key) && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    throw new InvalidConfigError('Invalid configuration: MIGRATION_DATABASE_URL is set without DATABASE_URL (the embedded database migrates itself)');
  }
  if (config.DATABASE_READ_URL && !config.DATABASE_URL) {
    throw new InvalidConfigError('Invalid configuration: DATABASE_READ_URL is set without DATABASE_URL (the embedded database has no replica)');
  }
  if (config.IMPORT_LEASE_RENEW_SECONDS >= config.IMPORT_LEASE_SECONDS) {
    throw new InvalidConfigError(
      `Invalid configuration: IMPORT_LEASE_RENEW_SECONDS (${config.IMPORT_LEASE_RENEW_SECONDS}) must be less than IMPORT_LEASE_SECONDS (${config.IMPORT_LEASE_SECONDS})`,
    );
  }
  return config;
}

/** The configuration of this environment, for the command-line scripts and tests that run without the Nest container. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return validateEnvironment(env);
}
