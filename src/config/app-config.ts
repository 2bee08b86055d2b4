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

  /** Ed25519 private key (PEM) that signs the audit chain's head; unset, heads go unsigned. */
  @IsOptional()
  @ValidateBy({
    name: 'isEd25519PrivateKeyPem',
    validator: { validate: isSigningKey, defaultMessage: () => 'AUDIT_SIGNING_KEY must be an Ed25519 private key in PEM' },
  })
  AUDIT_SIGNING_KEY?: string;
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

export class InvalidConfigError extends Error {}

/** Fails fast, naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of ['PORT', 'DATABASE_URL', 'DATA_DIR', 'ADMIN_TOKEN', 'LOG_LEVEL', 'AUDIT_SIGNING_KEY']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = key === 'PORT' && /^\d+$/.test(value) ? Number(value) : value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return config;
}
