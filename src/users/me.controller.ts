import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor, ROLES } from '../common/auth/role';
import { AnyRole } from '../common/auth/roles.decorator';

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
}

/** Who a token belongs to: the console signs in with a token and shows the screens and buttons of its role. */
@ApiTags('users')
@Controller('api/me')
export class MeController {
  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The user the token belongs to: id, name and role' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): MeView {
    return { id: actor.id, name: actor.name, role: actor.role };
  }
}
