import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Page } from '../common/validation/pagination.dto';
import { InWrite, ManagedRepository } from '../database/managed-repository';
import { ReportComparisonBasis, ReportContent } from './report.types';

export interface StoredReport {
  id: string;
  projectId: string;
  asOf: string;
  generatedAt: Date;
  generatedBy: { id: string; name: string };
  previousReportId: string | null;
  sha256: string;
  content: ReportContent;
}

interface ReportRow {
  id: string;
  project_id: string;
  as_of: string;
  generated_at: Date;
  generated_by_id: string;
  generated_by_name: string;
  previous_report_id: string | null;
  sha256: string;
  content: ReportContent;
}

const COLUMNS = 'id, project_id, as_of::text AS as_of, generated_at, generated_by_id, generated_by_name, previous_report_id, sha256';

function toStored(row: ReportRow): StoredReport {
  return {
    id: row.id,
    projectId: row.project_id,
    asOf: row.as_of,
    generatedAt: row.generated_at,
    generatedBy: { id: row.generated_by_id, name: row.generated_by_name },
    previousReportId: row.previous_report_id,
    sha256: row.sha256,
    content: row.content,
  };
}

@Injectable()
export class LiquidationReportsRepository extends ManagedRepository {
  constructor(@InjectEntityManager() manager: EntityManager) {
    super(manager);
  }

  /** Stores the report as given, with what the next report compares itself with; the content is not read back (tens of megabytes for a large project). */
  /** `contentText`: the content as the JSON its hash was taken of (its canonical JSON), sent as it is rather than written again. */
  async insert(
    this: InWrite<LiquidationReportsRepository>, report: Omit<StoredReport, 'id'>, comparisonBasis: ReportComparisonBasis, contentText: string,
  ): Promise<StoredReport> {
    const [{ id }]: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO liquidation_reports
         (project_id, as_of, generated_at, generated_by_id, generated_by_name, previous_report_id, content, sha256, comparison_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        report.projectId, report.asOf, report.generatedAt, report.generatedBy.id, report.generatedBy.name,
        report.previousReportId, contentText, report.sha256, JSON.stringify(comparisonBasis),
      ],
    );
    return { id, ...report };
  }

  async findInProject(projectId: string, id: string): Promise<StoredReport | null> {
    const [row] = await this.manager.query(`SELECT ${COLUMNS}, content FROM liquidation_reports WHERE project_id = $1 AND id = $2`, [projectId, id]);
    return row ? toStored(row) : null;
  }

  /**
   * The report a new one as of `asOf` is compared with: the latest frozen
   * with an earlier as-of date (docs/api-guide.md, Liquidation reports), whenever it was generated; by its
   * basis (or, stored before there were bases, its content).
   */
  async previousBasisOf(projectId: string, asOf: string): Promise<{ id: string; content: ReportComparisonBasis } | null> {
    const [row]: Array<{ id: string; basis: ReportComparisonBasis }> = await this.manager.query(
      `SELECT id, coalesce(comparison_basis, content) AS basis FROM liquidation_reports
       WHERE project_id = $1 AND as_of < $2 ORDER BY as_of DESC, seq DESC LIMIT 1`,
      [projectId, asOf],
    );
    return row ? { id: row.id, content: row.basis } : null;
  }

  /** The latest report already frozen as of the same date: a new one restates it. */
  async sameDateReportOf(projectId: string, asOf: string): Promise<{ id: string; content: ReportContent } | null> {
    const [row]: Array<{ id: string; content: ReportContent }> = await this.manager.query(
      `SELECT id, content FROM liquidation_reports WHERE project_id = $1 AND as_of = $2 ORDER BY seq DESC LIMIT 1`,
      [projectId, asOf],
    );
    return row ?? null;
  }

  /** Without their content, newest first; the summary comes from inside the stored content. */
  async listOfProject(projectId: string, limit: number, offset: number): Promise<Page<Omit<StoredReport, 'content'> & { summary: ReportContent['summary'] }>> {
    const [{ total }] = await this.manager.query('SELECT count(*)::int AS total FROM liquidation_reports WHERE project_id = $1', [projectId]);
    const rows: Array<ReportRow & { summary: ReportContent['summary'] }> = await this.manager.query(
      `SELECT ${COLUMNS}, content -> 'summary' AS summary FROM liquidation_reports WHERE project_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
      [projectId, limit, offset],
    );
    return {
      items: rows.map((row) => {
        const { content: _content, ...stored } = toStored(row);
        return { ...stored, summary: row.summary };
      }),
      total,
    };
  }
}
