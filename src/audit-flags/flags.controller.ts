import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { FlagView, FlagsQuery, ReviewDto } from './dto/flag.dto';
import { FlagsService } from './flags.service';

@ApiTags('audit-flags')
@Controller('api/audit-flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Flags, by project, sale, status, type and severity' })
  list(@Query() query: FlagsQuery) {
    return this.flags.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A flag with its evidence and its review history in order' })
  @ApiOkResponse({ type: FlagView })
  get(@Param('id', uuidParam('id')) id: string): Promise<FlagView> {
    return this.flags.get(id);
  }

  @Post(':id/reviews')
  @Roles('auditor')
  @ApiOperation({ summary: 'COMMENT, CONFIRM or DISMISS, with a note; a HIGH flag is dismissed by two different auditors' })
  @ApiCreatedResponse({ type: FlagView })
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReviewDto): Promise<FlagView> {
    return this.flags.review(actor, id, dto);
  }
}
