import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { PartyRelationView } from './dto/party-relation.dto';
import { CreatePartyDto, PartiesQuery, PartyQuery, PartyView } from './dto/party.dto';
import { PartiesService } from './parties.service';

@ApiTags('parties')
@Controller('api/parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Post()
  @Roles('clerk', 'auditor', 'admin')
  @ApiOperation({ summary: 'Register a buyer, referrer or insider (insiderRole set)' })
  @ApiCreatedResponse({ type: PartyView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePartyDto): Promise<PartyView> {
    return this.parties.create(actor, dto);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'List parties, by name, insider, id number or phone' })
  @ApiPageResponse(PartyView)
  list(@Query() query: PartiesQuery) {
    return this.parties.list(query);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A party, with whether and how it is related to the developer' })
  @ApiOkResponse({ type: PartyView })
  get(@Param('id', uuidParam('id')) id: string, @Query() query: PartyQuery): Promise<PartyView> {
    return this.parties.get(id, query.projectId);
  }

  @Get(':id/relations')
  @AnyRole()
  @ApiOperation({ summary: 'The relations of a party, in either direction' })
  @ApiPageResponse(PartyRelationView)
  listRelations(@Param('id', uuidParam('id')) id: string, @Query() query: PaginationQuery) {
    return this.parties.listRelations(id, query.limit, query.offset);
  }
}
