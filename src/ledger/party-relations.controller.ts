import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreatePartyRelationDto, PartyRelationView } from '../parties/dto/party-relation.dto';
import { PartyRelationsService } from './party-relations.service';

@ApiTags('parties')
@Controller('api/parties')
export class PartyRelationsController {
  constructor(private readonly relations: PartyRelationsService) {}

  @Post(':id/relations')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Record that this party is <relationship> of another party; the sales of every party it makes related are re-evaluated at once',
  })
  @ApiCreatedResponse({ type: PartyRelationView })
  relate(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreatePartyRelationDto,
  ): Promise<PartyRelationView> {
    return this.relations.relate(actor, id, dto);
  }
}
