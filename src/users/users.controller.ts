import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { CreateUserDto, CreatedUserView, UserView } from './dto/create-user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user; the token is shown once' })
  @ApiCreatedResponse({ type: CreatedUserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<CreatedUserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List users (never their tokens)' })
  @ApiPageResponse(UserView)
  list(@Query() query: PaginationQuery) {
    return this.users.list(query.limit, query.offset);
  }
}
