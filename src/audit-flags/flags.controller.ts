import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { BatchReviewDto, BatchReviewView, FlagPageView, FlagView, FlagsQuery, ReviewDto } from './dto/flag.dto';
import { FlagsService } from './flags.service';

@ApiTags('audit-flags')
@Controller('api/audit-flags')
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'Flags, by project, sale, status, type and severity, sorted and paged, with the count of each severity; "awaiting my second signature" is awaitingSecondDismissal=true&excludeFirstDismissedBy=me' })
  @ApiOkResponse({ type: FlagPageView })
  list(@CurrentActor() actor: Actor, @Query() query: FlagsQuery): Promise<FlagPageView> {
    return this.flags.list(actor, query);
  }

  @Post('reviews')
  @Roles('auditor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decisions on several flags at once: each is a review of its own (audit-log entry, four-eyes rule), taken or refused on its own' })
  @ApiOkResponse({ type: BatchReviewView })
  reviewMany(@CurrentActor() actor: Actor, @Body() dto: BatchReviewDto): Promise<BatchReviewView> {
    return this.flags.reviewMany(actor, dto);
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
