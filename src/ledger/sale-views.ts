import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FlagsRepository } from '../audit-flags/flags.repository';
import { groupBy } from '../common/group-by';
import { PaymentsRepository } from '../payments/payments.repository';
import { RefundsRepository } from '../payments/refunds.repository';
import { Sale } from '../sales/sale';
import { SalesRepository } from '../sales/sales.repository';
import { SaleView } from './dto/sale-view.dto';
import { toSaleView } from './sale-view';

/** Assembles sale views for a page of sales with one query per part, not per sale. */
@Injectable()
export class SaleViews {
  constructor(
    private readonly sales: SalesRepository,
    private readonly payments: PaymentsRepository,
    private readonly refunds: RefundsRepository,
    private readonly flags: FlagsRepository,
  ) {}

  async of(sales: Sale[], tx?: { manager: EntityManager }): Promise<SaleView[]> {
    const ids = sales.map((sale) => sale.id);
    const salesRepo = tx ? this.sales.within(tx) : this.sales;
    const paymentsRepo = tx ? this.payments.within(tx) : this.payments;
    // One after another: a transaction is one connection, which runs one query at a time.
    const buyers = await salesRepo.buyersOf(ids);
    const entries = await paymentsRepo.entriesOf(ids);
    const handovers = await salesRepo.handoversOf(ids);
    const cancelledIds = sales.filter((sale) => sale.status === 'CANCELLED').map((sale) => sale.id);
    const refunds = cancelledIds.length ? await (tx ? this.refunds.within(tx) : this.refunds).refundsOf(cancelledIds) : new Map();
    const flags = groupBy(
      (await (tx ? this.flags.within(tx) : this.flags).ofSales(ids)).sort(
        (a, b) => a.raisedAt.getTime() - b.raisedAt.getTime() || a.type.localeCompare(b.type),
      ),
      (flag) => flag.saleId!,
    );
    return sales.map((sale) =>
      toSaleView(
        sale, buyers.get(sale.id)!, entries.get(sale.id)!, handovers.get(sale.id)!,
        (flags.get(sale.id) ?? []).map(({ id, type, severity, status }) => ({ id, type, severity, status })),
        refunds.get(sale.id) ?? [],
      ),
    );
  }

  async one(saleId: string, tx?: { manager: EntityManager }): Promise<SaleView> {
    const sale = await (tx ? this.sales.within(tx) : this.sales).getById(saleId);
    const [view] = await this.of([sale], tx);
    return view;
  }
}
