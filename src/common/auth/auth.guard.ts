import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { AuthenticatedRequest } from './current-actor.decorator';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { Actor, Role } from './role';

/** Resolves a bearer token to its user; implemented by the users module. */
export abstract class TokenAuthenticator {
  abstract authenticate(token: string): Promise<Actor | null>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Deny by default: a route must be public or declare its roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'missing bearer token (Authorization: Bearer <token>)');
    const actor = await this.authenticator.authenticate(match[1]);
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'unknown token');
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(actor.role as Role)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        allowed.length ? `role ${actor.role} may not do this; allowed: ${allowed.join(', ')}` : 'this route is not open to any role',
        { role: actor.role, allowedRoles: allowed },
      );
    }
    return true;
  }
}
