import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { Roles } from '../common/auth/roles.decorator';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { WriteRunner } from '../database/write-runner';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { CreatePriceListDto, PriceListView } from '../pricing/dto/price-list.dto';
import { PriceListsService } from '../pricing/price-lists.service';

@ApiTags('pricing')
@Controller('api/projects/:projectId/price-lists')
export class PriceListPostingController {
  constructor(
    private readonly writes: WriteRunner,
    private readonly priceLists: PriceListsService,
    private readonly engine: EvaluationEngine,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a release batch (加推): its discount schemes and the list price of each unit; the batch rule runs at once' })
  @ApiCreatedResponse({ type: PriceListView })
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: CreatePriceListDto,
  ): Promise<PriceListView> {
    return this.writes.run(actor, async (tx) => {
      const view = await this.priceLists.createWithin(tx, projectId, dto);
      await this.engine.judgePriceListsLive(tx, projectId);
      return view;
    });
  }
}
