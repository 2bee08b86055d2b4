import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { groupBy } from '../../common/group-by';
import { dec } from '../../common/money';
import { EvaluationEngine } from '../../evaluation/evaluation-engine';
import { normaliseIdentifier, normalisePhone } from '../../parties/normalise';
import { PartiesRepository } from '../../parties/parties.repository';
import { PriceListsRepository } from '../../pricing/price-lists.repository';
import { NewSale } from '../../sales/sale';
import { SalesRepository } from '../../sales/sales.repository';
import { UnitsRepository } from '../../units/units.repository';
import { CellProblem } from '../csv-columns';
import { Batcher, ImportContext, KindImporter, problem } from './importer';

interface SaleRow {
  unitNo: string;
  contractDate: string;
  netPrice: string;
  buyers: string[];
  buyerIdNumbers?: string[];
  buyerPhones?: string[];
  listPrice?: string;
  discountCodes?: string[];
  referrerIdNumber?: string;
  note?: string;
}

interface Listing {
  priceListId: string;
  batchNo: string;
  issuedOn: string;
  postedAt: number;
  listPrice: Decimal;
  codes: Set<string>;
}

/**
 * The register of transactions: one sale a row, buyers named (and matched to
 * known parties by id number). Once every row is written, the evaluation
 * engine judges all the imported sales together, as of the import's date:
 * each is priced against the market with every sale known (those of the file
 * included), and each rule — the time-based ones too — is evaluated once, so
 * an import never raises and clears the same flag in one go.
 */
@Injectable()
export class SalesImporter {
  constructor(
    private readonly units: UnitsRepository,
    private readonly sales: SalesRepository,
    private readonly parties: PartiesRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly engine: EvaluationEngine,
  ) {}

  async start(ctx: ImportContext): Promise<KindImporter> {
    const { tx, project } = ctx;
    const units = new Map((await this.units.within(tx).allOfProject(project.id)).map((unit) => [unit.unitNo, unit]));
    const sold = await this.sales.within(tx).activeByUnitNo(project.id);
    const listings = await this.listingsByUnit(ctx);
    const listingOn = (unitId: string, date: string) => listings.get(unitId)?.find((listing) => listing.issuedOn <= date) ?? null;

    const seen = new Map<string, number>();
    const referrerLines = new Map<string, number[]>();
    const referrers = new Map<string, string>();
    const partyByIdNumber = new Map<string, string>();
    const imported: string[] = [];
    let partiesCreated = 0;

    const batch = new Batcher<{ row: SaleRow; line: number }>(async (rows) => {
      const buyerIds = await this.resolveBuyers(ctx, rows.map((r) => r.row), partyByIdNumber, () => (partiesCreated += 1));
      const at = tx.clock.now();
      const toInsert = rows.map(({ row }, i) => {
        const unit = units.get(row.unitNo)!;
        const listing = listingOn(unit.id, row.contractDate);
        const sale: NewSale = {
          projectId: project.id, unitId: unit.id, unitType: unit.unitType, saleableArea: unit.saleableArea, contractDate: row.contractDate,
          listPrice: row.listPrice ? dec(row.listPrice) : (listing?.listPrice ?? null), netPrice: dec(row.netPrice),
          priceListId: listing?.priceListId ?? null, discountCodes: row.discountCodes ?? [],
          referrerPartyId: row.referrerIdNumber ? referrers.get(normaliseIdentifier(row.referrerIdNumber)!)! : null,
          note: row.note ?? null, createdAt: at, createdBy: ctx.tx.actor.id,
        };
        return { id: randomUUID(), sale, buyerPartyIds: buyerIds[i] };
      });
      const ids = await this.sales.within(tx).insertMany(toInsert);
      imported.push(...ids);
      ctx.tx.record('sales.imported', 'import', ctx.importId, {
        sales: ids.map((id, i) => ({
          line: rows[i].line, saleId: id, unitNo: rows[i].row.unitNo, contractDate: toInsert[i].sale.contractDate,
          netPrice: toInsert[i].sale.netPrice.toFixed(2), buyerPartyIds: toInsert[i].buyerPartyIds,
        })),
      });
    });

    return {
      check: (values, line) => {
        const row = values as unknown as SaleRow;
        const problems: CellProblem[] = [];
        const unit = units.get(row.unitNo);
        if (!unit) problems.push(problem(line, 'unitNo', row.unitNo, 'no such unit in this project'));
        else if (sold.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, 'already has an active sale'));
        else if (seen.has(row.unitNo)) problems.push(problem(line, 'unitNo', row.unitNo, `is sold again on line ${seen.get(row.unitNo)}`));
        seen.set(row.unitNo, seen.get(row.unitNo) ?? line);
        if (row.contractDate > ctx.today) problems.push(problem(line, 'contractDate', row.contractDate, 'is after today'));
        if (new Set(row.buyers).size !== row.buyers.length) problems.push(problem(line, 'buyers', row.buyers.join(';'), 'names a buyer twice'));
        for (const [key, list] of [['buyerIdNumbers', row.buyerIdNumbers], ['buyerPhones', row.buyerPhones]] as const) {
          if (list && list.length !== row.buyers.length) {
            problems.push(problem(line, key, list.join(';'), `gives ${list.length} value(s) for ${row.buyers.length} buyer(s)`));
          }
        }
        if (unit && row.discountCodes?.length) {
          const listing = listingOn(unit.id, row.contractDate);
          if (!listing) problems.push(problem(line, 'discountCodes', row.discountCodes.join(';'), 'no price list priced this unit by the contract date'));
          for (const code of listing ? row.discountCodes.filter((c) => !listing.codes.has(c)) : []) {
            problems.push(problem(line, 'discountCodes', code, `is not published in batch ${listing!.batchNo}`));
          }
        }
        if (row.referrerIdNumber) {
          const norm = normaliseIdentifier(row.referrerIdNumber) ?? '';
          referrerLines.set(norm, [...(referrerLines.get(norm) ?? []), line]);
        }
        return problems;
      },
      finishChecks: async () => {
        const norms = [...referrerLines.keys()];
        for (let i = 0; i < norms.length; i += 5000) {
          for (const [norm, id] of await this.parties.within(tx).byIdNumbers(norms.slice(i, i + 5000))) referrers.set(norm, id);
        }
        return norms
          .filter((norm) => !referrers.has(norm))
          .flatMap((norm) => referrerLines.get(norm)!.map((line) => problem(line, 'referrerIdNumber', norm, 'no party has this id number')));
      },
      write: (values, line) => batch.add({ row: values as unknown as SaleRow, line }),
      finishWrite: async () => {
        await batch.drain();
        await tx.appendRecorded();
        const judged = await this.engine.judgeLive(tx, imported);
        return { salesCreated: imported.length, partiesCreated, flagsRaised: judged.raised };
      },
    };
  }

  /** Each unit's price lists, latest first, with the discount codes each publishes. */
  private async listingsByUnit(ctx: ImportContext): Promise<Map<string, Listing[]>> {
    const lists = await this.priceLists.within(ctx.tx).allOfProject(ctx.project.id);
    const ids = lists.map((list) => list.id);
    const discounts = groupBy(await this.priceLists.within(ctx.tx).discountsOf(ids), (d) => d.priceListId);
    const byId = new Map(lists.map((list) => [list.id, list]));
    const codes = new Map(lists.map((list) => [list.id, (discounts.get(list.id) ?? []).map((d) => d.code)]));
    const items = await this.priceLists.within(ctx.tx).itemsOf(ids);
    const listings = groupBy(
      items.map((item) => {
        const list = byId.get(item.priceListId)!;
        return {
          unitId: item.unitId,
          listing: {
            priceListId: list.id, batchNo: list.batchNo, issuedOn: list.issuedOn, postedAt: list.createdAt.getTime(), listPrice: item.listPrice,
            codes: new Set(codes.get(list.id)),
          } satisfies Listing,
        };
      }),
      (entry) => entry.unitId,
    );
    const byUnit = new Map([...listings].map(([unitId, entries]) => [unitId, entries.map((entry) => entry.listing)]));
    for (const list of byUnit.values()) list.sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.postedAt - a.postedAt);
    return byUnit;
  }

  /** Buyers with an id number are the party that holds it (registered now if new); the others are registered as new parties. */
  private async resolveBuyers(ctx: ImportContext, rows: SaleRow[], known: Map<string, string>, onCreated: () => void): Promise<string[][]> {
    const parties = this.parties.within(ctx.tx);
    const norms = [...new Set(rows.flatMap((row) => (row.buyerIdNumbers ?? []).map((raw) => normaliseIdentifier(raw)!)))].filter((n) => n && !known.has(n));
    for (const [norm, id] of await parties.byIdNumbers(norms)) known.set(norm, id);
    const at = ctx.tx.clock.now();
    const toCreate: Array<{ norm: string | null; party: Parameters<PartiesRepository['insertMany']>[0][number] }> = [];
    const pending = new Map<string, number>();
    const slots = rows.map((row) =>
      row.buyers.map((name, i) => {
        const rawId = row.buyerIdNumbers?.[i] ?? null;
        const norm = rawId ? normaliseIdentifier(rawId) : null;
        if (norm && known.has(norm)) return { id: known.get(norm)! };
        if (norm && pending.has(norm)) return { index: pending.get(norm)! };
        const rawPhone = row.buyerPhones?.[i] ?? null;
        toCreate.push({
          norm,
          party: {
            kind: 'PERSON', name, idNumber: rawId, idNumberNorm: norm, phone: rawPhone, phoneNorm: normalisePhone(rawPhone), address: null,
            bankAccount: null, bankAccountNorm: null, insiderRole: null, createdAt: at,
          },
        });
        if (norm) pending.set(norm, toCreate.length - 1);
        return { index: toCreate.length - 1 };
      }),
    );
    const createdIds = await parties.insertMany(toCreate.map((c) => c.party));
    createdIds.forEach((id, i) => {
      const { norm } = toCreate[i];
      if (norm) known.set(norm, id);
      onCreated();
    });
    if (createdIds.length > 0) {
      ctx.tx.record('parties.imported', 'import', ctx.importId, {
        parties: createdIds.map((id, i) => ({ partyId: id, name: toCreate[i].party.name, idNumber: toCreate[i].party.idNumber, phone: toCreate[i].party.phone })),
      });
    }
    return slots.map((row) => row.map((slot) => ('id' in slot ? slot.id! : createdIds[slot.index!])));
  }
}
