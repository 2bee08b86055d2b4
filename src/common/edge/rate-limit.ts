import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { DomainError, ErrorCode } from '../errors/domain-error';

const MINUTE_MS = 60_000;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

function bearerOf(req: FastifyRequest): string | null {
  return BEARER.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** Two limits, each off at 0: requests per minute per bearer token, and per client address. */
export function rateLimits(config: AppConfig): ThrottlerModuleOptions {
  const request = (context: ExecutionContext) => context.switchToHttp().getRequest<FastifyRequest>();
  return {
    throttlers: [
      {
        name: 'token',
        ttl: MINUTE_MS,
        limit: Math.max(config.RATE_LIMIT_PER_MINUTE, 1),
        skipIf: (context) => config.RATE_LIMIT_PER_MINUTE === 0 || bearerOf(request(context)) === null,
        // The token itself is never kept: only a digest of it names the counter.
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        getTracker: (req) => createHash('sha256').update(bearerOf(req as FastifyRequest) ?? '').digest('base64url'),
      },
      {
        name: 'address',
        ttl: MINUTE_MS,
        limit: Math.max(config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE, 1),
        skipIf: () => config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE === 0,
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        getTracker: (req) => (req as FastifyRequest).ip ?? (req as FastifyRequest).socket.remoteAddress ?? 'unknown',
      },
    ],
    setHeaders: false,
  };
}

/** Counts every request, public ones included, and answers one over a limit with a 429 saying when to retry. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.isBlocked ? detail.timeToBlockExpire : detail.timeToExpire));
    const per = detail.key.startsWith('address:') ? 'client address' : 'token';
    throw new DomainError(ErrorCode.RATE_LIMITED, `too many requests: at most ${detail.limit} a minute per ${per}; retry in ${retryAfterSeconds} s`, {
      limit: detail.limit,
      per,
      retryAfterSeconds,
    });
  }
}
