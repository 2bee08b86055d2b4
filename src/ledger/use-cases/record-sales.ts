import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import Decimal from 'decimal.js';
import { DomainError, ErrorCode, FieldProblem } from '../../common/errors/domain-error';
import { Actor } from '../../common/auth/role';
import { dec, roundHalfUp2 } from '../../common/money';
import { Clock } from '../../common/time/clock';
import { runRead, together } from '../../database/read';
import { auditEntry, PlannedWrite, WriteTransaction, written, Written } from '../../database/write-runner';
import { EvaluationEngine, PendingComparables, UnrecordedSale } from '../../evaluation/evaluation-engine';
import { FlagsRepository } from '../../audit-flags/flags.repository';
import { PartiesRepository } from '../../parties/parties.repository';
import { listingKey, PriceListsRepository, UnitListPrice } from '../../pricing/price-lists.repository';
import { NewSale, Sale, SaleEvaluation } from '../../sales/sale';
import { ProjectSettings } from '../../projects/project-settings';
import { SalesRepository, unitAlreadySold } from '../../sales/sales.repository';
import { UnitEntity } from '../../units/unit.entity';
import { UnitsRepository } from '../../units/units.repository';
import { SaleView } from '../dto/sale-view.dto';
import { toSaleView } from '../sale-view';

/** A sale to record, from the API or a row of an import (whose names and id numbers it has resolved to ids). */
export interface SaleCommand {
  unitId: string;
  contractDate: string;
  netPrice: Decimal;
  /** Null: the unit's price in the price list that applies on the contract date. */
  listPrice: Decimal | null;
  buyerPartyIds: string[];
  discountCodes: string[];
  referrerPartyId: string | null;
  note: string | null;
}

/** The price list that priced a unit on a date, and the discount schemes it publishes. */
export interface Listing {
  priceListId: string;
  batchNo: string;
  listPrice: Decimal;
  discountCodes: ReadonlySet<string>;
}

/** What the API's sale reads besides: its project's settings, and the names of its parties. */
interface ApiSaleFacts {
  settingsOf(unitId: string): ProjectSettings | undefined;
  partyName(partyId: string): string | undefined;
}

/** What the rules read of the database, loaded at once for a batch (the API's one sale) or a project (an import). */
export interface SaleFacts {
  unit(unitId: string): UnitEntity | undefined;
  /** Whether the unit has an active sale already. */
  sold(unitId: string): boolean;
  listingOn(unitId: string, date: string): Listing | null;
  partyExists(partyId: string): boolean;
  /**
   * The tag of the batch's first sale of the unit, when the batch is staged
   * in the database (an import's file): a later one is refused naming it.
   * Absent, the checks remember the batch's claims themselves.
   */
  firstClaim?(unitId: string): number | undefined;
}

/** Why a sale is refused: the API answers the first as a domain error, an import each as a row error. */
export type SaleRefusal =
  | { reason: 'unknown-unit'; unitId: string }
  | { reason: 'contract-in-future'; contractDate: string }
  | { reason: 'unknown-parties'; problems: FieldProblem[] }
  | { reason: 'no-price-list' }
  | { reason: 'unpublished-discounts'; codes: Array<{ index: number; code: string }>; batchNo: string }
  | { reason: 'unit-sold' }
  | { reason: 'unit-sold-earlier-in-batch'; earlier: number };

/**
 * The rules a new sale must meet, for a batch in order: a known unit without
 * an active sale (nor an earlier one in the batch), a contract date not after
 * today, buyers and referrer who are known parties, and discount codes the
 * applicable price list publishes.
 */
export class SaleChecks {
  private readonly claimed = new Map<string, number>();

  constructor(
    readonly facts: SaleFacts,
    private readonly today: string,
  ) {}

  /** `tag` names the command in the batch (an import's line): a later sale of the same unit is refused naming it. */
  check(command: SaleCommand, tag: number): SaleRefusal[] {
    const refusals: SaleRefusal[] = [];
    const unit = this.facts.unit(command.unitId);
    if (!unit) refusals.push({ reason: 'unknown-unit', unitId: command.unitId });
    if (command.contractDate > this.today) refusals.push({ reason: 'contract-in-future', contractDate: command.contractDate });
    const parties = command.buyerPartyIds
      .map((id, index) => ({ id, field: `buyerPartyIds[${index}]` }))
      .concat(command.referrerPartyId ? [{ id: command.referrerPartyId, field: 'referrerPartyId' }] : [])
      .filter(({ id }) => !this.facts.partyExists(id))
      .map(({ id, field }) => ({ field, problem: `no party ${id}` }));
    if (parties.length > 0) refusals.push({ reason: 'unknown-parties', problems: parties });
    if (!unit) return refusals;
    if (command.discountCodes.length > 0) {
      const listing = this.facts.listingOn(unit.id, command.contractDate);
      if (!listing) refusals.push({ reason: 'no-price-list' });
      else {
        const codes = command.discountCodes.map((code, index) => ({ code, index })).filter(({ code }) => !listing.discountCodes.has(code));
        if (codes.length > 0) refusals.push({ reason: 'unpublished-discounts', codes, batchNo: listing.batchNo });
      }
    }
    const earlier = this.facts.firstClaim?.(unit.id) ?? this.claimed.get(unit.id);
    if (this.facts.sold(unit.id)) refusals.push({ reason: 'unit-sold' });
    else if (earlier !== undefined && earlier !== tag) refusals.push({ reason: 'unit-sold-earlier-in-batch', earlier });
    else this.claimed.set(unit.id, tag);
    return refusals;
  }
}

/** A refusal as the API answers it. */
export function saleRefusalError(refusal: SaleRefusal): DomainError {
  switch (refusal.reason) {
    case 'unknown-unit':
      return DomainError.unknownReference('unitId', refusal.unitId, 'unit');
    case 'contract-in-future':
      return DomainError.rule(`contractDate ${refusal.contractDate} is in the future`, [{ field: 'contractDate', problem: 'is after today' }]);
    case 'unknown-parties':
      return new DomainError(ErrorCode.UNKNOWN_REFERENCE, refusal.problems.map((p) => `${p.field}: ${p.problem}`).join('; '), refusal.problems);
    case 'no-price-list':
      return DomainError.rule('discountCodes given, but no price list priced this unit on or before the contract date', [
        { field: 'discountCodes', problem: 'no price list applies' },
      ]);
    case 'unpublished-discounts': {
      const problems = refusal.codes.map(({ code, index }) => ({
        field: `discountCodes[${index}]`, problem: `${code} is not published in batch ${refusal.batchNo}`,
      }));
      return DomainError.rule(problems.map((p) => `${p.field}: ${p.problem}`).join('; '), problems);
    }
    case 'unit-sold':
    case 'unit-sold-earlier-in-batch':
      // As the database's index refuses a sale recorded meanwhile (SalesRepository.asUnitSold).
      return unitAlreadySold();
  }
}

/** Where an imported batch came from: its audit entry names the import and each sale's line; each sale's id was given it when its row was staged. */
export interface ImportedFrom {
  importId: string;
  lines: Array<{ line: number; unitNo: string; saleId: string }>;
}

/** The facts of a chunk of an import's rows, with its units found by number. */
export type ImportFacts = SaleFacts & { unitByNo(unitNo: string): UnitEntity | undefined };

type Reader = { manager: EntityManager };

/**
 * Recording sales: the one place their rules are checked, their facts
 * completed from the price list, their rows written with the audit log saying
 * so, and the evaluation engine asked to judge them. The API's sale is read,
 * checked and judged before one statement writes it (`plan`); an import
 * checks its staged rows chunk by chunk against the facts each chunk names
 * (`importFacts`, `SaleChecks`), then has each chunk judged and writes it
 * (`recordChecked`).
 */
@Injectable()
export class RecordSales {
  constructor(
    private readonly units: UnitsRepository,
    private readonly parties: PartiesRepository,
    private readonly priceLists: PriceListsRepository,
    private readonly sales: SalesRepository,
    private readonly engine: EvaluationEngine,
    private readonly flags: FlagsRepository,
  ) {}

  /**
   * The API's sale, prepared in full before anything is written
   * (`WriteRunner.runPlanned`): its facts read and its rules checked, the
   * evaluation engine's judgement, the flags it raises, its view and its
   * audit-log entries; then one statement writes the sale with its evaluation,
   * buyers and flags. A sale the rules refuse throws the refusal's error.
   */
  async plan(context: { actor: Actor; clock: Clock; reader: Reader }, command: SaleCommand): Promise<PlannedWrite<SaleView>> {
    const { reader, clock, actor } = context;
    const today = clock.today();
    const facts = await this.factsOf(reader, [command]);
    const [refusal] = new SaleChecks(facts, today).check(command, 0);
    if (refusal) throw saleRefusalError(refusal);
    const at = clock.now();
    const id = randomUUID();
    const unit = facts.unit(command.unitId)!;
    const sale = newSale(actor.id, command, facts, at);
    const [judgement] = await this.engine.judgeUnrecorded(
      reader, unit.projectId, facts.settingsOf(unit.id)!, [unrecordedSale({ id, sale, buyerPartyIds: command.buyerPartyIds }, unit)], today, at,
    );
    const { flags, statements, audit } = judgement.raised;
    const view = toSaleView(
      recordedSale(id, sale, unit, judgement.evaluation),
      command.buyerPartyIds.map((partyId) => ({ id: partyId, name: facts.partyName(partyId)! })),
      [], [],
      [...flags].sort((a, b) => a.type.localeCompare(b.type)).map((flag) => ({ id: flag.id, type: flag.type, severity: flag.severity, status: 'OPEN' as const })),
      [],
    );
    return {
      value: view,
      statements: [
        ...SalesRepository.insertJudgedStatements([{ id, sale, buyerPartyIds: command.buyerPartyIds, evaluation: judgement.evaluation }]),
        ...statements,
      ],
      audit: [...audit, auditEntry('sale.recorded', 'sale', id, view)],
    };
  }

  /**
   * A chunk of an import that `SaleChecks` accepted (in contract-date order),
   * judged by the evaluation engine before it is written, as the API's sale
   * is, with the file's rows not written yet as comparables (`pending`, this
   * chunk's included); then its sales with their evaluations and buyers, the
   * flags they raise, and the audit entries: one listing the chunk, one a flag.
   * Answers the number of flags raised.
   */
  async recordChecked(
    tx: WriteTransaction, project: { id: string; settings: ProjectSettings }, commands: SaleCommand[], facts: SaleFacts, from: ImportedFrom,
    pending: PendingComparables,
  ): Promise<Written<number>> {
    const at = tx.clock.now();
    const toInsert = commands.map((command, i) => ({ id: from.lines[i].saleId, sale: newSale(tx.actor.id, command, facts, at), buyerPartyIds: command.buyerPartyIds }));
    const unrecorded = toInsert.map((row) => unrecordedSale(row, facts.unit(row.sale.unitId)!));
    const judgements = await this.engine.judgeUnrecorded(tx, project.id, project.settings, unrecorded, tx.clock.today(), at, pending);
    await this.sales.within(tx).insertJudgedMany(toInsert.map((row, i) => ({ ...row, evaluation: judgements[i].evaluation })));
    const flags = judgements.flatMap((judgement) => judgement.raised.flags);
    await this.flags.within(tx).insertMany(flags);
    return written(
      flags.length,
      auditEntry('sales.imported', 'import', from.importId, {
        sales: toInsert.map(({ id, sale, buyerPartyIds }, i) => ({
          line: from.lines[i].line, saleId: id, unitNo: from.lines[i].unitNo, contractDate: sale.contractDate,
          netPrice: sale.netPrice.toFixed(2), buyerPartyIds,
        })),
      }),
      ...judgements.flatMap((judgement) => judgement.raised.audit),
    );
  }

  /**
   * The facts of a chunk of an import's rows, in three statements whatever the
   * project's size: the units the rows name, which of them are sold, and the
   * price list of each on its row's contract date. To check the rows,
   * `firstClaims` is the first line of the file that sells each unit number;
   * to write them (checked already), which units are sold is not read.
   */
  async importFacts(
    tx: WriteTransaction, projectId: string, rows: ReadonlyArray<{ unitNo: string; contractDate: string }>,
    purpose: { check: Map<string, number> } | 'write',
  ): Promise<ImportFacts> {
    const units = await this.units.within(tx).byUnitNos(projectId, [...new Set(rows.map((row) => row.unitNo))]);
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const byNo = new Map(units.map((unit) => [unit.unitNo, unit]));
    const firstClaims = purpose === 'write' ? new Map<string, number>() : purpose.check;
    const sold = purpose === 'write' ? new Set<string>() : await this.sales.within(tx).soldUnits([...byId.keys()]);
    const listings = await this.listingsOn(tx, rows.flatMap((row) => {
      const unit = byNo.get(row.unitNo);
      return unit ? [{ unitId: unit.id, onOrBefore: row.contractDate }] : [];
    }));
    return {
      unit: (unitId) => byId.get(unitId),
      unitByNo: (unitNo) => byNo.get(unitNo),
      sold: (unitId) => sold.has(unitId),
      listingOn: (unitId, date) => listings.get(listingKey(unitId, date)) ?? null,
      // An import's buyers are the parties it matched or registers, and its referrers are resolved before the rules run.
      partyExists: () => true,
      firstClaim: (unitId) => firstClaims.get(byId.get(unitId)!.unitNo),
    };
  }

  /** The facts of a few sales (the API's one), read in one round trip: their units with their projects' settings, parties, listings and whether sold. */
  private async factsOf(tx: Reader, commands: SaleCommand[]): Promise<SaleFacts & ApiSaleFacts> {
    const unitIds = [...new Set(commands.map((command) => command.unitId))];
    const partyIds = commands.flatMap((command) => [...command.buyerPartyIds, ...(command.referrerPartyId ? [command.referrerPartyId] : [])]);
    const read = await runRead(tx, together({
      units: together(Object.fromEntries(unitIds.map((unitId) => [unitId, this.units.withSettingsRead(unitId)]))),
      known: this.parties.namesRead(partyIds),
      listings: this.priceLists.unitListPricesRead(commands.map((command) => ({ unitId: command.unitId, onOrBefore: command.contractDate }))),
      // One active sale per unit is also the database's: a sale recorded meanwhile is refused by its index, as this refusal.
      sold: this.sales.soldUnitsRead(unitIds),
    }));
    const { known, sold } = read;
    const units = new Map<string, UnitEntity>();
    const settings = new Map<string, ProjectSettings>();
    for (const [unitId, found] of Object.entries(read.units)) {
      if (found) {
        units.set(unitId, found.unit);
        settings.set(unitId, found.settings);
      }
    }
    const listings = withDiscountSets(read.listings);
    return {
      unit: (unitId) => units.get(unitId),
      sold: (unitId) => sold.has(unitId),
      listingOn: (unitId, date) => listings.get(listingKey(unitId, date)) ?? null,
      partyExists: (partyId) => known.has(partyId),
      settingsOf: (unitId) => settings.get(unitId),
      partyName: (partyId) => known.get(partyId)?.name,
    };
  }

  /** The listing of each unit on each date, in one statement. */
  private async listingsOn(tx: Reader, pairs: Array<{ unitId: string; onOrBefore: string }>): Promise<Map<string, Listing>> {
    return withDiscountSets(await this.priceLists.within(tx).unitListPricesOn(pairs));
  }
}

/** Listings as the checks ask them: is this discount code published? */
function withDiscountSets(found: Map<string, UnitListPrice>): Map<string, Listing> {
  return new Map([...found].map(([key, listing]) => [key, { ...listing, discountCodes: new Set(listing.discountCodes) }]));
}

/** A sale about to be recorded as the engine judges it: its facts, its unit's, its buyers and referrer. */
function unrecordedSale({ id, sale, buyerPartyIds }: { id: string; sale: NewSale; buyerPartyIds: string[] }, unit: UnitEntity): UnrecordedSale {
  return {
    sale: { ...sale, id, unitNo: unit.unitNo, costPrice: unit.costPrice, cancelledOn: null, evaluationHash: null },
    buyers: buyerPartyIds,
    referrer: sale.referrerPartyId,
  };
}

/** A command's facts as the sale records them: the list price defaults to the applicable price list's. */
function newSale(by: string, command: SaleCommand, facts: SaleFacts, at: Date): NewSale {
  const unit = facts.unit(command.unitId)!;
  const listing = facts.listingOn(unit.id, command.contractDate);
  return {
    projectId: unit.projectId, unitId: unit.id, unitType: unit.unitType, saleableArea: unit.saleableArea, contractDate: command.contractDate,
    listPrice: command.listPrice ?? listing?.listPrice ?? null, netPrice: command.netPrice, priceListId: listing?.priceListId ?? null,
    discountCodes: command.discountCodes, referrerPartyId: command.referrerPartyId, note: command.note,
    createdAt: at, createdBy: by,
  };
}

/** The sale as it reads back once recorded: its facts, the unit's, and the evaluation as the database keeps it (money to the cent, JSON as JSON). */
function recordedSale(id: string, sale: NewSale, unit: UnitEntity, evaluation: SaleEvaluation): Sale {
  const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const { market } = evaluation;
  return {
    ...sale, id, unitNo: unit.unitNo, costPrice: unit.costPrice, discountCodes: [...sale.discountCodes],
    status: 'ACTIVE', cancelledOn: null, cancelReason: null, forfeited: dec(0),
    relatedParty: evaluation.relatedParty, relatedPaths: asStored(evaluation.relatedPaths),
    market: market && { price: roundHalfUp2(market.price), pricePerSqm: roundHalfUp2(market.pricePerSqm), method: market.method, basis: asStored(market.basis) },
    detail: asStored(evaluation.detail), evaluatedAt: evaluation.evaluatedAt,
  };
}
