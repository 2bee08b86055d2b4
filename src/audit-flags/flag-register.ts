import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/group-by';
import { WriteTransaction } from '../database/write-runner';
import { AuditRecord } from '../audit-log/audit-log.repository';
import { Statement } from '../database/statement';
import { decideFlagChanges, FlagRaise } from './flag-changes';
import { FlagAsOf, flagsAsOf } from './register-as-of';
import { Finding, PRICE_LIST_FLAG_TYPES, SALE_FLAG_TYPES } from './flag-types';
import { AppliedChanges, FlagWriter, SubjectChange, countChanges, flagRaisedEntry, raisedFlag } from './flag-writer';
import { Flag, FlagReview, FlagsRepository, NewFlag } from './flags.repository';

/** What the rules concluded about one sale, judged live. */
export interface SaleFindings {
  projectId: string;
  saleId: string;
  findings: Finding[];
}

/** What the batch rule concluded about one price list, judged live. */
export interface PriceListFindings {
  projectId: string;
  priceListId: string;
  findings: Finding[];
}

/** What a sale not yet recorded raises: the flags, and the statement and audit-log entries that write them. */
export interface RaisedForUnrecorded {
  flags: NewFlag[];
  statements: Statement[];
  audit: AuditRecord[];
}

/** The flags of some sales and price lists as they stood at the end of a date, and the register they were read from. */
export interface RegisterAsOf {
  sales: Map<string, FlagAsOf[]>;
  priceLists: Map<string, FlagAsOf[]>;
  /** The register's flags of those subjects as they stand now, each with its whole history. */
  flags: Flag[];
  reviews: Map<string, FlagReview[]>;
}

/**
 * The live flag register: brings the flags of sales and price lists in line
 * with the findings of an evaluation as of today (raise, refresh, reopen,
 * clear), in bulk, inside the write that judged them.
 */
@Injectable()
export class FlagRegister {
  constructor(
    private readonly flags: FlagsRepository,
    private readonly writer: FlagWriter,
  ) {}

  /** With `dryRun`, only counts what would change (an evaluation as of a past date never changes the register). */
  async applyToSales(tx: WriteTransaction, judged: SaleFindings[], asOf: string, dryRun = false): Promise<AppliedChanges> {
    const existing = groupBy(await this.flags.within(tx).ofSales(judged.map((sale) => sale.saleId)), (flag) => flag.saleId!);
    const changes: SubjectChange[] = judged.flatMap(({ projectId, saleId, findings }) =>
      decideFlagChanges(existing.get(saleId) ?? [], findings, SALE_FLAG_TYPES).map((change) => ({ projectId, saleId, priceListId: null, change })),
    );
    return dryRun ? countChanges(changes) : this.writer.apply(tx, changes, asOf);
  }

  /**
   * The flags of a sale not yet recorded, which has none: one raised per
   * finding, under an id of its own, as a statement of the write that records
   * the sale and an audit-log entry each, as `applyToSales` would raise them.
   */
  raiseForUnrecorded(judged: SaleFindings, at: Date): RaisedForUnrecorded {
    const flags = decideFlagChanges([], judged.findings, SALE_FLAG_TYPES)
      .filter((change): change is FlagRaise => change.kind === 'RAISE')
      .map((change) => raisedFlag({ projectId: judged.projectId, saleId: judged.saleId, priceListId: null, change }, at));
    return { flags, statements: flags.length > 0 ? [FlagsRepository.insertStatement(flags)] : [], audit: flags.map(flagRaisedEntry) };
  }

  async applyToPriceLists(tx: WriteTransaction, judged: PriceListFindings[], asOf: string, dryRun = false): Promise<AppliedChanges> {
    const ids = judged.map((list) => list.priceListId);
    const existing = groupBy(await this.flags.within(tx).ofPriceLists(ids), (flag) => flag.priceListId!);
    const changes: SubjectChange[] = judged.flatMap(({ projectId, priceListId, findings }) =>
      decideFlagChanges(existing.get(priceListId) ?? [], findings, PRICE_LIST_FLAG_TYPES).map((change) => ({
        projectId, saleId: null, priceListId, change,
      })),
    );
    return dryRun ? countChanges(changes) : this.writer.apply(tx, changes, asOf);
  }

  /**
   * What the register held for these subjects at the end of a date, brought in
   * line with the findings as of that date (see flagsAsOf): a report as of a
   * past date reads it, and nothing is written.
   */
  async asOf(
    tx: WriteTransaction,
    sales: Array<Pick<SaleFindings, 'saleId' | 'findings'>>,
    lists: Array<Pick<PriceListFindings, 'priceListId' | 'findings'>>,
    takenBy: (at: Date) => boolean,
  ): Promise<RegisterAsOf> {
    const saleFlags = await this.flags.within(tx).ofSales(sales.map((sale) => sale.saleId));
    const listFlags = await this.flags.within(tx).ofPriceLists(lists.map((list) => list.priceListId));
    const reviews = await this.flags.within(tx).reviewsOf([...saleFlags, ...listFlags].map((flag) => flag.id));
    const ofSale = groupBy(saleFlags, (flag) => flag.saleId!);
    const ofList = groupBy(listFlags, (flag) => flag.priceListId!);
    return {
      sales: new Map(sales.map(({ saleId, findings }) => [saleId, flagsAsOf(ofSale.get(saleId) ?? [], reviews, findings, SALE_FLAG_TYPES, takenBy)])),
      priceLists: new Map(
        lists.map(({ priceListId, findings }) => [priceListId, flagsAsOf(ofList.get(priceListId) ?? [], reviews, findings, PRICE_LIST_FLAG_TYPES, takenBy)]),
      ),
      flags: [...saleFlags, ...listFlags],
      reviews,
    };
  }
}
