import Decimal from 'decimal.js';
import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { dec } from '../common/money';
import { Page } from '../common/validation/pagination.dto';
import { known, query, Read } from '../database/read';
import { Statement } from '../database/statement';
import { InWrite, ManagedRepository, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../database/managed-repository';
import { Buyer, Handover, MarketMethod, NewSale, RecordedSaleFacts, Sale, SaleEvaluation, SaleStatus, SaleToEvaluate } from './sale';

interface SaleRow {
  id: string;
  project_id: string;
  unit_id: string;
  unit_no: string;
  unit_type: string;
  saleable_area: string;
  cost_price: string | null;
  contract_date: string;
  list_price: string | null;
  net_price: string;
  price_list_id: string | null;
  discount_codes: string[];
  referrer_party_id: string | null;
  note: string | null;
  created_at: Date;
  created_by: string;
  status: SaleStatus;
  cancelled_on: string | null;
  cancel_reason: string | null;
  forfeited_amount: string;
  related_party: boolean;
  related_paths: Sale['relatedPaths'];
  market_price: string | null;
  market_price_per_sqm: string | null;
  market_method: MarketMethod | null;
  market_basis: Record<string, unknown> | null;
  evaluation: Record<string, unknown> | null;
  evaluated_at: Date;
}

const FACT_COLUMNS = `
  s.id, s.project_id, s.unit_id, u.unit_no, s.unit_type, s.saleable_area, u.cost_price, s.contract_date::text AS contract_date,
  s.list_price, s.net_price, s.price_list_id, s.discount_codes, s.referrer_party_id, s.note, s.created_at, s.created_by,
  s.status, s.cancelled_on::text AS cancelled_on, s.cancel_reason, s.forfeited_amount`;

const SALE_COLUMNS = `${FACT_COLUMNS},
  s.related_party, s.related_paths, s.market_price, s.market_price_per_sqm, s.market_method, s.market_basis, s.evaluation,
  -- An audit run stamps the project once (ProjectsRepository.markSalesEvaluated); a sale re-judged since carries a later stamp of its own.
  GREATEST(s.evaluated_at, (SELECT p.sales_evaluated_at FROM projects p WHERE p.id = s.project_id)) AS evaluated_at`;

function toFacts(row: SaleRow): RecordedSaleFacts {
  return {
    id: row.id,
    projectId: row.project_id,
    unitId: row.unit_id,
    unitNo: row.unit_no,
    unitType: row.unit_type,
    saleableArea: dec(row.saleable_area),
    costPrice: row.cost_price === null ? null : dec(row.cost_price),
    contractDate: row.contract_date,
    listPrice: row.list_price === null ? null : dec(row.list_price),
    netPrice: dec(row.net_price),
    priceListId: row.price_list_id,
    discountCodes: row.discount_codes,
    referrerPartyId: row.referrer_party_id,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    status: row.status,
    cancelledOn: row.cancelled_on,
    cancelReason: row.cancel_reason,
    forfeited: dec(row.forfeited_amount),
  };
}

function toSale(row: SaleRow): Sale {
  return {
    ...toFacts(row),
    relatedParty: row.related_party,
    relatedPaths: row.related_paths,
    market:
      row.market_method === null
        ? null
        : {
            price: dec(row.market_price!),
            pricePerSqm: dec(row.market_price_per_sqm!),
            method: row.market_method,
            basis: row.market_basis ?? {},
          },
    detail: row.evaluation,
    evaluatedAt: row.evaluated_at,
  };
}


export interface SaleFilter {
  projectId?: string;
  buyerPartyId?: string;
  status?: SaleStatus;
  /** true: sales with an open flag; false: sales without one. */
  flagged?: boolean;
}

/** Another sale of the project as the comparables search reads it. */
export interface ComparableRow {
  id: string;
  unitNo: string;
  unitType: string;
  contractDate: string;
  /** As the database writes them, two decimal places: the comparables work in whole cents and make decimals only of the few they show. */
  saleableArea: string;
  netPrice: string;
  cancelledOn: string | null;
  /** As last evaluated. */
  relatedParty: boolean;
}

/** A comparable as a query selects it (`comparableCandidates`; an import's rows not written yet). */
export interface ComparableRecord {
  id: string;
  unit_no: string;
  unit_type: string;
  contract_date: string;
  saleable_area: string;
  net_price: string;
  cancelled_on: string | null;
  related_party: boolean;
}

export function toComparableRow(row: ComparableRecord): ComparableRow {
  return {
    id: row.id, unitNo: row.unit_no, unitType: row.unit_type, contractDate: row.contract_date, saleableArea: row.saleable_area,
    netPrice: row.net_price, cancelledOn: row.cancelled_on, relatedParty: row.related_party,
  };
}

/** Who a sale's counterparties are: its buyers in order, and the referrer. */
export interface Counterparties {
  buyers: string[];
  referrer: string | null;
}

/** The columns of a sale's evaluation, as `evaluationRecord` writes them for jsonb_to_record(set). */
const EVALUATION_COLUMNS = `related_party boolean, related_paths jsonb, market_price numeric, market_price_per_sqm numeric, market_method varchar,
  market_basis jsonb, evaluation jsonb, evaluation_hash char(64), evaluated_at timestamptz`;

/**
 * A sale's evaluation as a JSON object of its columns (EVALUATION_COLUMNS): its JSON parts as JSON, its money as text.
 * Sent as one JSON document, not as an array per column, which pg would escape character by character.
 */
function evaluationRecord(evaluation: SaleEvaluation): Record<string, unknown> {
  const market = evaluation.market;
  return {
    related_party: evaluation.relatedParty,
    related_paths: evaluation.relatedPaths,
    market_price: market?.price.toFixed() ?? null,
    market_price_per_sqm: market?.pricePerSqm.toFixed() ?? null,
    market_method: market?.method ?? null,
    market_basis: market ? market.basis : null,
    evaluation: evaluation.detail,
    evaluation_hash: evaluation.hash,
    evaluated_at: evaluation.evaluatedAt,
  };
}

/** A sale about to be written with its evaluation: its id, chosen by the caller, its facts and its buyers in order. */
export interface JudgedSale {
  id: string;
  sale: NewSale;
  buyerPartyIds: string[];
  evaluation: SaleEvaluation;
}

/** The answer to a sale of a unit that has an active sale: the rules' refusal and the database's (`sales_one_active_per_unit`) alike. */
export function unitAlreadySold(): DomainError {
  return new DomainError(ErrorCode.UNIT_ALREADY_SOLD, 'the unit already has an active sale; cancel it before selling again', [
    { field: 'unitId', problem: 'already sold' },
  ]);
}

@Injectable()
export class SalesRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  async findById(id: string): Promise<Sale | null> {
    const [row] = await this.manager.query(
      `SELECT ${SALE_COLUMNS} FROM sales s JOIN units u ON u.id = s.unit_id WHERE s.id = $1`,
      [id],
    );
    return row ? toSale(row) : null;
  }

  async getById(id: string): Promise<Sale> {
    const sale = await this.findById(id);
    if (!sale) throw DomainError.notFound('sale', id);
    return sale;
  }

  /** The sale, locked until the end of the transaction: payments, reversals and cancellations of one sale queue here. */
  async lockById(id: string): Promise<Sale> {
    await this.manager.query('SELECT 1 FROM sales WHERE id = $1 FOR UPDATE', [id]);
    return this.getById(id);
  }

  /**
   * The recorded facts of every sale of a project, active or cancelled, in
   * contract-date order, without the stored evaluations (a report judges each
   * sale itself as of its date; the evaluations are most of a sale's bytes).
   */
  async factsOfProject(projectId: string): Promise<RecordedSaleFacts[]> {
    const rows: SaleRow[] = await this.manager.query(
      // The project's units only (a sale's unit is of its project): the planner need not scan every unit of the ledger.
      `SELECT ${FACT_COLUMNS} FROM sales s JOIN units u ON u.id = s.unit_id AND u.project_id = $1 WHERE s.project_id = $1 ORDER BY s.contract_date, s.id`,
      [projectId],
    );
    return rows.map(toFacts);
  }

  /** The sales in which any of these parties is a buyer or the referrer. */
  async idsOfSalesOf(partyIds: readonly string[]): Promise<string[]> {
    if (partyIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.manager.query(
      `SELECT sale_id AS id FROM sale_buyers WHERE party_id = ANY($1::uuid[])
       UNION SELECT id FROM sales WHERE referrer_party_id = ANY($1::uuid[])`,
      [partyIds],
    );
    return rows.map((row) => row.id);
  }

  /** The ids of these sales by project, each project's in contract-date order. */
  async projectsOf(saleIds: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ project_id: string; ids: string[] }> = await this.manager.query(
      `SELECT project_id, array_agg(id ORDER BY contract_date, id)::text[] AS ids FROM sales WHERE id = ANY($1::uuid[]) GROUP BY project_id`,
      [saleIds],
    );
    return new Map(rows.map((row) => [row.project_id, row.ids]));
  }

  /** Every sale of a project, active or cancelled, by id in contract-date order. */
  async idsOfProject(projectId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.manager.query(
      'SELECT id FROM sales WHERE project_id = $1 ORDER BY contract_date, id',
      [projectId],
    );
    return rows.map((row) => row.id);
  }

  /** Each sale's buyers (in order) and referrer. */
  async counterpartiesOf(saleIds: string[]): Promise<Map<string, Counterparties>> {
    const rows: Array<{ id: string; referrer_party_id: string | null; buyers: string[] }> = await this.manager.query(
      `SELECT s.id, s.referrer_party_id,
              ARRAY(SELECT b.party_id FROM sale_buyers b WHERE b.sale_id = s.id ORDER BY b.position)::text[] AS buyers
       FROM sales s WHERE s.id = ANY($1::uuid[])`,
      [saleIds],
    );
    return new Map(rows.map((row) => [row.id, { buyers: row.buyers, referrer: row.referrer_party_id }]));
  }

  async list(filter: SaleFilter, limit: number, offset: number): Promise<Page<Sale>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.projectId) where.push(`s.project_id = ${param(filter.projectId)}`);
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.buyerPartyId) {
      where.push(`EXISTS (SELECT 1 FROM sale_buyers b WHERE b.sale_id = s.id AND b.party_id = ${param(filter.buyerPartyId)})`);
    }
    if (filter.flagged !== undefined) {
      where.push(`${filter.flagged ? '' : 'NOT '}EXISTS (SELECT 1 FROM audit_flags f WHERE f.sale_id = s.id AND f.status = 'OPEN')`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.manager.query(`SELECT count(*)::int AS total FROM sales s ${clause}`, params);
    const rows: SaleRow[] = await this.manager.query(
      `SELECT ${SALE_COLUMNS} FROM sales s JOIN units u ON u.id = s.unit_id ${clause}
       ORDER BY s.contract_date, s.created_at, s.id LIMIT ${param(limit)} OFFSET ${param(offset)}`,
      params,
    );
    return { items: rows.map(toSale), total };
  }

  async buyersOf(saleIds: string[]): Promise<Map<string, Buyer[]>> {
    const rows: Array<{ sale_id: string; id: string; name: string }> = await this.manager.query(
      `SELECT b.sale_id, p.id, p.name FROM sale_buyers b JOIN parties p ON p.id = b.party_id
       WHERE b.sale_id = ANY($1::uuid[]) ORDER BY b.sale_id, b.position`,
      [saleIds],
    );
    const buyers = new Map<string, Buyer[]>(saleIds.map((id) => [id, []]));
    for (const row of rows) buyers.get(row.sale_id)!.push({ id: row.id, name: row.name });
    return buyers;
  }

  /**
   * The project's sales of these unit types with contract dates in [from, to]
   * (and on or before `asOf`): the candidates of the comparables search, in
   * compact form (served by sales_comparables_idx).
   */
  comparableCandidatesRead(projectId: string, unitTypes: readonly string[], from: string, to: string): Read<ComparableRow[]> {
    return query(
      // Each candidate's unit number looked up by its key: a join let the planner scan every unit of every project
      // (a hash join), which grows with the whole ledger instead of the window.
      `SELECT s.id, (SELECT u.unit_no FROM units u WHERE u.id = s.unit_id) AS unit_no, s.unit_type, s.contract_date::text AS contract_date,
              s.saleable_area, s.net_price, s.cancelled_on::text AS cancelled_on, s.related_party
       FROM sales s
       WHERE s.project_id = $1 AND s.unit_type = ANY($2::varchar[]) AND s.contract_date BETWEEN $3 AND $4`,
      [projectId, unitTypes, from, to],
      (rows: ComparableRecord[]) => rows.map(toComparableRow),
    );
  }

  /** Stores new evaluations in one statement (an audit run may refresh thousands). */
  async saveEvaluations(this: InWrite<SalesRepository>, evaluations: Array<{ saleId: string; evaluation: SaleEvaluation }>): Promise<void> {
    if (evaluations.length === 0) return;
    await this.manager.query(
      `UPDATE sales s SET related_party = e.related_party, related_paths = e.related_paths, market_price = e.market_price,
         market_price_per_sqm = e.market_price_per_sqm, market_method = e.market_method, market_basis = e.market_basis,
         evaluation = e.evaluation, evaluation_hash = e.evaluation_hash, evaluated_at = e.evaluated_at
       FROM jsonb_to_recordset($1::jsonb) AS e (id uuid, ${EVALUATION_COLUMNS})
       WHERE s.id = e.id`,
      [JSON.stringify(evaluations.map(({ saleId, evaluation }) => ({ id: saleId, ...evaluationRecord(evaluation) })))],
    );
  }

  /** Cancels the sale, keeping `forfeited` of what was paid; the database holds all three final. */
  async cancel(this: InWrite<SalesRepository>, saleId: string, cancelledOn: string, reason: string, forfeited: Decimal): Promise<void> {
    await this.manager.query(
      `UPDATE sales SET status = 'CANCELLED', cancelled_on = $2, cancel_reason = $3, forfeited_amount = $4 WHERE id = $1`,
      [saleId, cancelledOn, reason, forfeited.toFixed()],
    );
  }

  async insertHandover(this: InWrite<SalesRepository>, saleId: string, handedOverOn: string, occupied: boolean, at: Date, by: string): Promise<string> {
    const [{ id }] = await this.manager.query(
      `INSERT INTO handovers (sale_id, handed_over_on, occupied, created_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [saleId, handedOverOn, occupied, at, by],
    );
    return id;
  }

  /** Each sale's handovers by date, then in the order they were recorded: the last one says who lives there now. */
  handoversOf(saleIds: string[]): Promise<Map<string, Handover[]>> {
    return this.run(this.handoversRead(saleIds));
  }

  handoversRead(saleIds: string[]): Read<Map<string, Handover[]>> {
    return query(
      `SELECT sale_id, id, handed_over_on::text AS handed_over_on, occupied, created_at FROM handovers
       WHERE sale_id = ANY($1::uuid[]) ORDER BY handed_over_on, seq`,
      [saleIds],
      (rows: Array<{ sale_id: string; id: string; handed_over_on: string; occupied: boolean; created_at: Date }>) => {
        const handovers = new Map<string, Handover[]>(saleIds.map((id) => [id, []]));
        for (const row of rows) {
          handovers.get(row.sale_id)!.push({ id: row.id, handedOverOn: row.handed_over_on, occupied: row.occupied, createdAt: row.created_at });
        }
        return handovers;
      },
    );
  }

  /**
   * Judged sales, with ids chosen by the caller, their evaluations and their
   * buyers, as two statements: the API's one sale (in a write sent as one,
   * `composeStatements`) and a chunk of an import alike. A sale of a unit sold
   * meanwhile is refused by the index sales_one_active_per_unit
   * (`asUnitSold`). Each sale and its evaluation go as a member of one JSON
   * document: pg would escape every character of an evaluation's JSON sent as
   * an array element.
   */
  static insertJudgedStatements(sales: JudgedSale[]): Statement[] {
    const buyers = sales.flatMap(({ id, buyerPartyIds }) => buyerPartyIds.map((partyId, position) => ({ saleId: id, partyId, position })));
    return [
      {
        sql: `INSERT INTO sales (id, project_id, unit_id, unit_type, saleable_area, contract_date, list_price, net_price, price_list_id,
           discount_codes, referrer_party_id, note, created_at, created_by, related_party, related_paths, market_price, market_price_per_sqm,
           market_method, market_basis, evaluation, evaluation_hash, evaluated_at)
         SELECT id, project_id, unit_id, unit_type, saleable_area, contract_date, list_price, net_price, price_list_id,
                discount_codes, referrer_party_id, note, created_at, created_by, related_party, related_paths, market_price, market_price_per_sqm,
                market_method, market_basis, evaluation, evaluation_hash, evaluated_at
         FROM jsonb_to_recordset($1::jsonb)
           AS s (id uuid, project_id uuid, unit_id uuid, unit_type varchar, saleable_area numeric, contract_date date, list_price numeric,
                 net_price numeric, price_list_id uuid, discount_codes varchar[], referrer_party_id uuid, note varchar, created_at timestamptz,
                 created_by varchar, ${EVALUATION_COLUMNS})`,
        params: [
          JSON.stringify(sales.map(({ id, sale, evaluation }) => ({
            id, project_id: sale.projectId, unit_id: sale.unitId, unit_type: sale.unitType, saleable_area: sale.saleableArea.toFixed(),
            contract_date: sale.contractDate, list_price: sale.listPrice?.toFixed() ?? null, net_price: sale.netPrice.toFixed(),
            price_list_id: sale.priceListId, discount_codes: sale.discountCodes, referrer_party_id: sale.referrerPartyId, note: sale.note,
            created_at: sale.createdAt, created_by: sale.createdBy, ...evaluationRecord(evaluation),
          }))),
        ],
      },
      {
        sql: `INSERT INTO sale_buyers (sale_id, party_id, position) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])`,
        params: [buyers.map((b) => b.saleId), buyers.map((b) => b.partyId), buyers.map((b) => b.position)],
      },
    ];
  }

  /** A write refused because the unit has an active sale (recorded meanwhile) answers as such; any other error is passed on. */
  static asUnitSold(error: unknown): unknown {
    return pgErrorCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'sales_one_active_per_unit' ? unitAlreadySold() : error;
  }

  /** `insertJudgedStatements` run in the caller's write (a chunk of an import). */
  async insertJudgedMany(this: InWrite<SalesRepository>, sales: JudgedSale[]): Promise<void> {
    if (sales.length === 0) return;
    for (const { sql, params } of SalesRepository.insertJudgedStatements(sales)) await this.manager.query(sql, params);
  }

  /** These sales as the evaluation engine judges them: their facts and the fingerprint of their last evaluation, without the evaluation itself. */
  async toEvaluate(ids: string[]): Promise<SaleToEvaluate[]> {
    const rows: Array<{
      id: string; project_id: string; unit_id: string; unit_no: string; unit_type: string; saleable_area: string; cost_price: string | null;
      contract_date: string; list_price: string | null; net_price: string; price_list_id: string | null; cancelled_on: string | null;
      evaluation_hash: string | null;
    }> = await this.manager.query(
      `SELECT s.id, s.project_id, s.unit_id, u.unit_no, s.unit_type, s.saleable_area, u.cost_price, s.contract_date::text AS contract_date,
              s.list_price, s.net_price, s.price_list_id, s.cancelled_on::text AS cancelled_on, s.evaluation_hash
       FROM sales s JOIN units u ON u.id = s.unit_id WHERE s.id = ANY($1::uuid[]) ORDER BY s.contract_date, s.id`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id, projectId: row.project_id, unitId: row.unit_id, unitNo: row.unit_no, unitType: row.unit_type,
      saleableArea: dec(row.saleable_area), costPrice: row.cost_price === null ? null : dec(row.cost_price), contractDate: row.contract_date,
      listPrice: row.list_price === null ? null : dec(row.list_price), netPrice: dec(row.net_price), priceListId: row.price_list_id,
      cancelledOn: row.cancelled_on, evaluationHash: row.evaluation_hash,
    }));
  }

  /** Which of these units have an active sale. */
  soldUnits(unitIds: string[]): Promise<Set<string>> {
    return this.run(this.soldUnitsRead(unitIds));
  }

  soldUnitsRead(unitIds: string[]): Read<Set<string>> {
    if (unitIds.length === 0) return known(new Set());
    // Joined to the ids, not `unit_id = ANY($1)`: for a chunk of an import's thousands of ids the ANY form measured several times
    // slower (pg_stat_statements).
    return query(
      `SELECT s.unit_id FROM unnest($1::uuid[]) AS q (unit_id) JOIN sales s ON s.unit_id = q.unit_id AND s.status = 'ACTIVE'`,
      [unitIds],
      (rows: Array<{ unit_id: string }>) => new Set(rows.map((row) => row.unit_id)),
    );
  }

  /** The active sale of each sold unit of the project, with what has been paid on it. */
  async activeByUnitNo(projectId: string): Promise<Map<string, { saleId: string; netPrice: Decimal; paid: Decimal; contractDate: string }>> {
    const rows: Array<{ unit_no: string; id: string; net_price: string; paid: string; contract_date: string }> = await this.manager.query(
      `SELECT u.unit_no, s.id, s.net_price, s.contract_date::text AS contract_date,
              coalesce((SELECT sum(p.amount) FROM payments p WHERE p.sale_id = s.id), 0) AS paid
       FROM sales s JOIN units u ON u.id = s.unit_id AND u.project_id = $1 WHERE s.project_id = $1 AND s.status = 'ACTIVE'`,
      [projectId],
    );
    return new Map(
      rows.map((row) => [row.unit_no, { saleId: row.id, netPrice: dec(row.net_price), paid: dec(row.paid), contractDate: row.contract_date }]),
    );
  }

}
