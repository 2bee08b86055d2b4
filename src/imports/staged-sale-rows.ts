import { WriteTransaction } from '../database/write-runner';
import { PendingComparables } from '../evaluation/evaluation-engine';
import { ComparableRecord, toComparableRow } from '../sales/sales.repository';

/** A row of a sales file, its cells parsed. */
export interface SaleRow {
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

export interface StagedSaleRow {
  line: number;
  /** The id the sale will have: given when the row is staged. */
  saleId: string;
  row: SaleRow;
}

/**
 * The rows of a sales file held in the import's own transaction, in a
 * temporary table PostgreSQL drops when it ends (commit or rollback): the
 * service keeps none of a file's rows in memory, whatever its size. What
 * needs every row of the file at once — the first line that sells each unit,
 * referrers no party holds, the order the sales are judged in — is asked of
 * the table.
 */
export class StagedSaleRows {
  private constructor(private readonly tx: WriteTransaction) {}

  static async create(tx: WriteTransaction): Promise<StagedSaleRows> {
    await tx.manager.query(
      `CREATE TEMPORARY TABLE import_sale_rows (
         line integer PRIMARY KEY,
         unit_no text NOT NULL,
         contract_date date NOT NULL,
         referrer_norm text,
         sale_id uuid NOT NULL DEFAULT gen_random_uuid(),
         row jsonb NOT NULL
       ) ON COMMIT DROP`,
    );
    await tx.manager.query('CREATE INDEX ON import_sale_rows (unit_no, line)');
    await tx.manager.query('CREATE INDEX ON import_sale_rows (contract_date, sale_id)');
    return new StagedSaleRows(tx);
  }

  /** Stages rows (in file order, after those staged already); `referrerNorm` is the referrer's id number normalised. */
  async add(rows: ReadonlyArray<{ line: number; row: SaleRow; referrerNorm: string | null }>): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO import_sale_rows (line, unit_no, contract_date, referrer_norm, row)
       SELECT line, row->>'unitNo', (row->>'contractDate')::date, referrer_norm, row
       FROM jsonb_to_recordset($1::jsonb) AS r (line integer, referrer_norm text, row jsonb)`,
      [JSON.stringify(rows.map((r) => ({ line: r.line, referrer_norm: r.referrerNorm, row: r.row })))],
    );
  }

  /** The first line staged so far that sells each of these unit numbers. */
  async firstLines(unitNos: readonly string[]): Promise<Map<string, number>> {
    if (unitNos.length === 0) return new Map();
    const rows: Array<{ unit_no: string; line: number }> = await this.tx.manager.query(
      `SELECT DISTINCT ON (unit_no) unit_no, line FROM import_sale_rows WHERE unit_no = ANY($1::text[]) ORDER BY unit_no, line`,
      [unitNos],
    );
    return new Map(rows.map((row) => [row.unit_no, row.line]));
  }

  /** Rows whose referrer's id number no party holds, in line order, at most `limit`. */
  async unknownReferrers(limit: number): Promise<Array<{ line: number; referrerNorm: string }>> {
    const rows: Array<{ line: number; referrer_norm: string }> = await this.tx.manager.query(
      `SELECT r.line, r.referrer_norm FROM import_sale_rows r
       WHERE r.referrer_norm IS NOT NULL AND NOT EXISTS (SELECT 1 FROM parties p WHERE p.id_number_norm = r.referrer_norm)
       ORDER BY r.line LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ line: row.line, referrerNorm: row.referrer_norm }));
  }

  /**
   * Every staged row in the order the engine judges a project's sales
   * (contract date, then the sale's id), `size` at a time.
   */
  async *inContractOrder(size: number): AsyncGenerator<StagedSaleRow[]> {
    let after = { date: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const rows: Array<{ line: number; sale_id: string; contract_date: string; row: SaleRow }> = await this.tx.manager.query(
        `SELECT line, sale_id, contract_date::text AS contract_date, row FROM import_sale_rows
         WHERE (contract_date, sale_id) > ($1::date, $2::uuid) ORDER BY contract_date, sale_id LIMIT $3`,
        [after.date, after.id, size],
      );
      if (rows.length === 0) return;
      yield rows.map((row) => ({ line: row.line, saleId: row.sale_id, row: row.row }));
      const last = rows[rows.length - 1];
      after = { date: last.contract_date, id: last.sale_id };
    }
  }

  /**
   * The staged sales from `first` on in that order (those not written yet,
   * when the chunks are written in it) as comparables of a project's sales:
   * of these unit types, contracted within these dates. Not judged yet, none
   * counts as related.
   */
  pendingFrom(projectId: string, first: StagedSaleRow): PendingComparables {
    return async (unitTypes, from, to) => {
      const rows: ComparableRecord[] = await this.tx.manager.query(
        `SELECT r.sale_id AS id, r.unit_no, u.unit_type, r.contract_date::text AS contract_date, u.saleable_area,
                (r.row->>'netPrice')::numeric(15, 2)::text AS net_price, NULL AS cancelled_on, false AS related_party
         FROM import_sale_rows r JOIN units u ON u.project_id = $1 AND u.unit_no = r.unit_no
         WHERE (r.contract_date, r.sale_id) >= ($2::date, $3::uuid) AND r.contract_date BETWEEN $4 AND $5 AND u.unit_type = ANY($6::varchar[])`,
        [projectId, first.row.contractDate, first.saleId, from, to, unitTypes],
      );
      return rows.map(toComparableRow);
    };
  }
}
