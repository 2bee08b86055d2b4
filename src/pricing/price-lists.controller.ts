import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Actor } from '../common/auth/role';
import { AnyRole, Roles } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { CreatePriceListDto, PriceListView } from './dto/price-list.dto';
import { PriceListsService } from './price-lists.service';

@ApiTags('pricing')
@Controller('api/projects/:projectId/price-lists')
export class PriceListsController {
  constructor(private readonly priceLists: PriceListsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Publish a release batch (加推): its discount schemes and the list price of each unit' })
  @ApiCreatedResponse({ type: PriceListView })
  create(
    @CurrentActor() actor: Actor,
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Body() dto: CreatePriceListDto,
  ): Promise<PriceListView> {
    return this.priceLists.create(actor, projectId, dto);
  }

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The price lists of a project by issue date, with their averages but without items' })
  list(@Param('projectId', uuidParam('projectId')) projectId: string, @Query() query: PaginationQuery) {
    return this.priceLists.list(projectId, query.limit, query.offset);
  }

  @Get(':priceListId')
  @AnyRole()
  @ApiOperation({ summary: 'One price list with the list and net price of each unit' })
  @ApiOkResponse({ type: PriceListView })
  get(
    @Param('projectId', uuidParam('projectId')) projectId: string,
    @Param('priceListId', uuidParam('priceListId')) priceListId: string,
  ): Promise<PriceListView> {
    return this.priceLists.get(projectId, priceListId);
  }
}
