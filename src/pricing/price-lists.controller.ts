import { ApiPageResponse } from '../common/openapi/api-page.decorator';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../common/auth/roles.decorator';
import { PaginationQuery } from '../common/validation/pagination.dto';
import { uuidParam } from '../common/validation/uuid-param.pipe';
import { PriceListSummaryView, PriceListView } from './dto/price-list.dto';
import { PriceListsService } from './price-lists.service';

@ApiTags('pricing')
@Controller('api/projects/:projectId/price-lists')
export class PriceListsController {
  constructor(private readonly priceLists: PriceListsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'The price lists of a project by issue date, with their averages but without items' })
  @ApiPageResponse(PriceListSummaryView)
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
