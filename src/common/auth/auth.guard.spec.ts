import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { AuthGuard, TokenAuthenticator } from './auth.guard';
import { Actor } from './role';
import { AnyRole, Public, Roles } from './roles.decorator';

class Routes {
  @Roles('auditor') review() {}
  @AnyRole() read() {}
  @Public() health() {}
  undeclared() {}
}

const people: Record<string, Actor> = {
  'admin-token': { id: 'a', name: 'Admin', role: 'admin' },
  'auditor-token': { id: 'b', name: 'Auditor', role: 'auditor' },
};

class Tokens extends TokenAuthenticator {
  async authenticate(token: string): Promise<Actor | null> {
    return people[token] ?? null;
  }
}

function context(handler: keyof Routes, authorization?: string): ExecutionContext {
  const request = { headers: authorization ? { authorization } : {} };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

async function outcome(handler: keyof Routes, authorization?: string): Promise<string> {
  try {
    await new AuthGuard(new Reflector(), new Tokens()).canActivate(context(handler, authorization));
    return 'admitted';
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('AuthGuard', () => {
  it('refuses a route that declares no role, even to an admin', async () => {
    expect(await outcome('undeclared', 'Bearer admin-token')).toBe(ErrorCode.FORBIDDEN);
  });

  it('admits only the declared roles', async () => {
    expect(await outcome('review', 'Bearer auditor-token')).toBe('admitted');
    expect(await outcome('review', 'Bearer admin-token')).toBe(ErrorCode.FORBIDDEN);
    expect(await outcome('read', 'Bearer admin-token')).toBe('admitted');
  });

  it('asks for a token before anything else', async () => {
    expect(await outcome('undeclared')).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await outcome('read', 'Bearer nobody')).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await outcome('read', 'Basic admin-token')).toBe(ErrorCode.UNAUTHENTICATED);
  });

  it('lets a public route through without a token', async () => {
    expect(await outcome('health')).toBe('admitted');
  });
});
