import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROLES, Role } from './role';

export const ROLES_KEY = 'allowedRoles';
export const PUBLIC_KEY = 'publicRoute';

/** The roles allowed on a route. A route that declares none is refused to everyone. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'no token, or an unknown one' }),
    ApiForbiddenResponse({ description: `allowed roles: ${roles.join(', ')}` }),
  );
}

/** Every role may read. */
export function AnyRole(): MethodDecorator & ClassDecorator {
  return Roles(...ROLES);
}

/** No token needed (health checks only). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}
