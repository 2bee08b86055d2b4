import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Page } from '../common/validation/pagination.dto';
import { Statement } from '../database/statement';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { query, Read } from '../database/read';
import { ExistingFlag } from './flag-changes';
import { FlagStatus, FlagType, Severity } from './flag-types';
import { ReviewDecision, SystemEntry } from './review/review';

export interface Flag extends ExistingFlag {
  projectId: string;
  saleId: string | null;
  priceListId: string | null;
  pendingDismissal: boolean;
  raisedAt: Date;
  updatedAt: Date;
}

export interface FlagReview {
  seq: number;
  decision: ReviewDecision | SystemEntry;
  note: string;
  reviewerId: string;
  reviewerName: string;
  at: Date;
  /** The flag's severity when the decision was taken (null for entries recorded before it was kept). */
  severity: Severity | null;
  /** The hash of the evidence the decision was taken on (null likewise). */
  evidenceHash: string | null;
}

export interface NewFlag {
  /** Chosen by the writer, so that its audit-log entry can name it in the same write. */
  id: string;
  projectId: string;
  saleId: string | null;
  priceListId: string | null;
  unitType: string | null;
  type: FlagType;
  severity: Severity;
  ruleVersion: number;
  evidence: Record<string, unknown>;
  at: Date;
}

export interface FlagUpdate {
  id: string;
  /** null: unchanged. */
  status: FlagStatus | null;
  severity: Severity;
  /** null: unchanged. */
  pendingDismissal: boolean | null;
  ruleVersion: number;
  evidence: Record<string, unknown>;
  at: Date;
}

export interface NewReview {
  flagId: string;
  decision: ReviewDecision | SystemEntry;
  note: string;
  reviewerId: string;
  reviewerName: string;
  at: Date;
  severity?: Severity;
  evidenceHash?: string;
}

export interface FlagFilter {
  projectId?: string;
  saleId?: string;
  status?: FlagStatus;
  type?: FlagType;
  severity?: Severity;
  /** Open HIGH flags dismissed once (true), or all others (false). */
  awaitingSecondDismissal?: boolean;
  /** Leaves out the flags this user has dismissed since they were last (re)opened. */
  excludeDismissedBy?: string;
}

export type FlagOrder = { by: 'raisedAt' | 'updatedAt' | 'severity' | 'type'; descending: boolean };

const ORDER_COLUMNS: Record<FlagOrder['by'], string> = {
  raisedAt: 'raised_at',
  updatedAt: 'updated_at',
  severity: "array_position(ARRAY['LOW', 'MEDIUM', 'HIGH']::varchar[], severity)",
  type: 'type',
};

/** Open HIGH flags with one dismissal that counts: the second auditor's queue. */
const AWAITING_SECOND_DISMISSAL = "(status = 'OPEN' AND severity = 'HIGH' AND pending_dismissal)";

interface FlagRow {
  id: string;
  project_id: string;
  sale_id: string | null;
  price_list_id: string | null;
  unit_type: string | null;
  type: FlagType;
  severity: Severity;
  status: FlagStatus;
  pending_dismissal: boolean;
  rule_version: number;
  evidence: Record<string, unknown>;
  raised_at: Date;
  updated_at: Date;
}

export interface FlagSubject {
  unitNo: string | null;
  batchNo: string | null;
}

function toFlag(row: FlagRow): Flag {
  return {
    id: row.id,
    projectId: row.project_id,
    saleId: row.sale_id,
    priceListId: row.price_list_id,
    unitType: row.unit_type,
    type: row.type,
    severity: row.severity,
    status: row.status,
    pendingDismissal: row.pending_dismissal,
    ruleVersion: row.rule_version,
    evidence: row.evidence,
    raisedAt: row.raised_at,
    updatedAt: row.updated_at,
  };
}

@Injectable()
export class FlagsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  async findById(id: string): Promise<Flag | null> {
    const [row] = await this.manager.query('SELECT * FROM audit_flags WHERE id = $1', [id]);
    return row ? toFlag(row) : null;
  }

  /** The flag, locked until the end of the transaction: reviews of one flag queue here. */
  async lockById(id: string): Promise<Flag | null> {
    const [row] = await this.manager.query('SELECT * FROM audit_flags WHERE id = $1 FOR UPDATE', [id]);
    return row ? toFlag(row) : null;
  }

  /** Each of these sales' flags, a dismissed one with the severity it was dismissed at. */
  async ofSales(saleIds: string[]): Promise<Flag[]> {
    return this.flagsWhere('f.sale_id = ANY($1::uuid[])', saleIds);
  }

  async ofPriceLists(priceListIds: string[]): Promise<Flag[]> {
    return this.flagsWhere('f.price_list_id = ANY($1::uuid[])', priceListIds);
  }

  async ofProject(projectId: string): Promise<Flag[]> {
    const rows: FlagRow[] = await this.manager.query('SELECT * FROM audit_flags WHERE project_id = $1', [projectId]);
    return rows.map(toFlag);
  }

  /** A page of the flags matching the filter, in the order asked, with the count of each severity among them (the severity filter aside). */
  async list(filter: FlagFilter, order: FlagOrder, limit: number, offset: number): Promise<Page<Flag> & { countsBySeverity: Record<Severity, number> }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const conditions: Array<[keyof FlagFilter, string]> = [['projectId', 'project_id'], ['saleId', 'sale_id'], ['status', 'status'], ['type', 'type']];
    for (const [key, column] of conditions) {
      if (filter[key] === undefined) continue;
      params.push(filter[key]);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.awaitingSecondDismissal !== undefined) where.push(filter.awaitingSecondDismissal ? AWAITING_SECOND_DISMISSAL : `NOT ${AWAITING_SECOND_DISMISSAL}`);
    if (filter.excludeDismissedBy !== undefined) {
      params.push(filter.excludeDismissedBy);
      where.push(`NOT EXISTS (
        SELECT 1 FROM flag_reviews r
        WHERE r.flag_id = audit_flags.id AND r.decision = 'DISMISS' AND r.reviewer_id = $${params.length}
          AND r.seq > coalesce((SELECT max(o.seq) FROM flag_reviews o
                                WHERE o.flag_id = audit_flags.id AND o.decision IN ('CONDITION_RETURNED', 'REOPENED_ON_ESCALATION')), 0))`);
    }
    const bySeverity = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counts: Array<{ severity: Severity; n: number }> = await this.manager.query(
      `SELECT severity, count(*)::int AS n FROM audit_flags ${bySeverity} GROUP BY severity`,
      params,
    );
    const countsBySeverity: Record<Severity, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
    for (const row of counts) countsBySeverity[row.severity] = row.n;
    if (filter.severity !== undefined) {
      params.push(filter.severity);
      where.push(`severity = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = filter.severity !== undefined ? countsBySeverity[filter.severity] : Object.values(countsBySeverity).reduce((a, b) => a + b, 0);
    const direction = order.descending ? 'DESC' : 'ASC';
    const rows: FlagRow[] = await this.manager.query(
      `SELECT * FROM audit_flags ${clause} ORDER BY ${ORDER_COLUMNS[order.by]} ${direction}, raised_at ${direction}, id ${direction}
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(toFlag), total, countsBySeverity };
  }

  /** What each flag is about, as people name it: the sale's unit number, or the price list's batch number. */
  async subjectsOf(flagIds: string[]): Promise<Map<string, FlagSubject>> {
    if (flagIds.length === 0) return new Map();
    const rows: Array<{ id: string; unit_no: string | null; batch_no: string | null }> = await this.manager.query(
      `SELECT f.id, u.unit_no, pl.batch_no
       FROM audit_flags f
       LEFT JOIN sales s ON s.id = f.sale_id
       LEFT JOIN units u ON u.id = s.unit_id
       LEFT JOIN price_lists pl ON pl.id = f.price_list_id
       WHERE f.id = ANY($1::uuid[])`,
      [flagIds],
    );
    return new Map(rows.map((row) => [row.id, { unitNo: row.unit_no, batchNo: row.batch_no }]));
  }

  async insertMany(this: InWrite<FlagsRepository>, flags: NewFlag[]): Promise<void> {
    if (flags.length === 0) return;
    const { sql, params } = FlagsRepository.insertStatement(flags);
    await this.hotQuery(sql, params);
  }

  /** The insert of `insertMany` as a statement, for a write sent as one (`composeStatements`). */
  static insertStatement(flags: NewFlag[]): Statement {
    return {
      sql: `INSERT INTO audit_flags (id, project_id, sale_id, price_list_id, unit_type, type, severity, status, rule_version, evidence, raised_at, updated_at)
       SELECT id, project_id, sale_id, price_list_id, unit_type, type, severity, 'OPEN', rule_version, evidence, at, at
       FROM jsonb_to_recordset($1::jsonb)
         AS f (project_id uuid, sale_id uuid, price_list_id uuid, unit_type varchar, type varchar, severity varchar, rule_version int, evidence jsonb,
               at timestamptz, id uuid)`,
      // One JSON document, not an array per column: pg would escape every character of each flag's evidence as an array element.
      params: [
        JSON.stringify(flags.map((f) => ({
          project_id: f.projectId, sale_id: f.saleId, price_list_id: f.priceListId, unit_type: f.unitType, type: f.type, severity: f.severity,
          rule_version: f.ruleVersion, evidence: f.evidence, at: f.at, id: f.id,
        }))),
      ],
    };
  }

  async updateMany(this: InWrite<FlagsRepository>, updates: FlagUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.manager.query(
      `UPDATE audit_flags f SET status = coalesce(u.status, f.status), severity = u.severity,
         pending_dismissal = coalesce(u.pending_dismissal, f.pending_dismissal),
         rule_version = u.rule_version, evidence = u.evidence, updated_at = u.at
       FROM jsonb_to_recordset($1::jsonb)
         AS u (id uuid, status varchar, severity varchar, pending_dismissal boolean, rule_version int, evidence jsonb, at timestamptz)
       WHERE f.id = u.id`,
      [
        JSON.stringify(updates.map((u) => ({
          id: u.id, status: u.status ?? null, severity: u.severity, pending_dismissal: u.pendingDismissal ?? null, rule_version: u.ruleVersion,
          evidence: u.evidence, at: u.at,
        }))),
      ],
    );
  }

  async setReviewState(this: InWrite<FlagsRepository>, id: string, status: FlagStatus, pendingDismissal: boolean, at: Date): Promise<void> {
    await this.manager.query('UPDATE audit_flags SET status = $2, pending_dismissal = $3, updated_at = $4 WHERE id = $1', [
      id, status, pendingDismissal, at,
    ]);
  }

  /** Open flags whose condition stopped holding; severity and evidence stay as last judged. */
  async clearMany(this: InWrite<FlagsRepository>, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      `UPDATE audit_flags SET status = 'CLEARED', pending_dismissal = false, updated_at = $2 WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
  }

  async appendReviews(this: InWrite<FlagsRepository>, reviews: NewReview[]): Promise<void> {
    if (reviews.length === 0) return;
    await this.manager.query(
      `INSERT INTO flag_reviews (flag_id, decision, note, reviewer_id, reviewer_name, at, severity, evidence_hash)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::timestamptz[], $7::varchar[], $8::char(64)[])`,
      [
        reviews.map((r) => r.flagId), reviews.map((r) => r.decision), reviews.map((r) => r.note),
        reviews.map((r) => r.reviewerId), reviews.map((r) => r.reviewerName), reviews.map((r) => r.at),
        reviews.map((r) => r.severity ?? null), reviews.map((r) => r.evidenceHash ?? null),
      ],
    );
  }

  /** Each flag's history, in order. */
  async reviewsOf(flagIds: string[]): Promise<Map<string, FlagReview[]>> {
    const rows: Array<{
      flag_id: string; seq: string; decision: FlagReview['decision']; note: string; reviewer_id: string; reviewer_name: string; at: Date;
      severity: Severity | null; evidence_hash: string | null;
    }> = await this.manager.query('SELECT * FROM flag_reviews WHERE flag_id = ANY($1::uuid[]) ORDER BY seq', [flagIds]);
    const reviews = new Map<string, FlagReview[]>(flagIds.map((id) => [id, []]));
    for (const row of rows) {
      reviews.get(row.flag_id)!.push({
        seq: Number(row.seq), decision: row.decision, note: row.note, reviewerId: row.reviewer_id, reviewerName: row.reviewer_name, at: row.at,
        severity: row.severity, evidenceHash: row.evidence_hash,
      });
    }
    return reviews;
  }

  private async flagsWhere(condition: string, ids: string[]): Promise<Flag[]> {
    if (ids.length === 0) return [];
    const rows: Array<FlagRow & { dismissed_at_severity: Severity | null }> = await this.manager.query(
      `SELECT f.*, CASE WHEN f.status = 'DISMISSED' THEN
                (SELECT r.severity FROM flag_reviews r WHERE r.flag_id = f.id AND r.decision = 'DISMISS' ORDER BY r.seq DESC LIMIT 1)
              END AS dismissed_at_severity
       FROM audit_flags f WHERE ${condition}`,
      [ids],
    );
    return rows.map((row) => ({ ...toFlag(row), dismissedAtSeverity: row.dismissed_at_severity }));
  }

  /**
   * The sales of a project whose BELOW_MARKET, AT_OR_BELOW_COST or
   * EXCESS_DISCOUNT flag an auditor confirmed, each with when it was first
   * confirmed: abnormal from then on, they are no comparables for other sales.
   */
  confirmedAbnormalSalesRead(projectId: string): Read<Map<string, Date>> {
    return query(
      `SELECT f.sale_id, min(r.at) AS at FROM audit_flags f JOIN flag_reviews r ON r.flag_id = f.id
       WHERE f.project_id = $1 AND f.sale_id IS NOT NULL AND f.type IN ('BELOW_MARKET', 'AT_OR_BELOW_COST', 'EXCESS_DISCOUNT')
         AND r.decision = 'CONFIRM'
       GROUP BY f.sale_id`,
      [projectId],
      (rows: Array<{ sale_id: string; at: Date }>) => new Map(rows.map((row) => [row.sale_id, row.at])),
    );
  }
}
