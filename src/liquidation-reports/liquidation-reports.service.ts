import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit-log/audit-log.service';
import { EvaluationEngine } from '../evaluation/evaluation-engine';
import { SalesRepository } from '../sales/sales.repository';
import { Actor } from '../common/auth/role';
import { DomainError } from '../common/errors/domain-error';
import { Page } from '../common/validation/pagination.dto';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { ReadReplica } from '../database/read-replica';
import { ProjectsRepository } from '../projects/projects.repository';
import { refuseFutureDate } from '../common/business-dates';
import { CanonicalObject } from '../common/canonical-json';
import { CsvTable, ReportFormat } from './dto/report.dto';
import { LiquidationReportsRepository, StoredReport } from './liquidation-reports.repository';
import { writeNote } from './notes/note-writer';
import { buildReport, comparisonBasis } from './report-builder';
import { ReportData } from './report-data';
import { Lang, ReportContent, ReportView } from './report.types';

/** SHA-256 of a report's content as its canonical (RFC 8785) JSON. */
function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function toReportView(report: StoredReport, lang: Lang): ReportView {
  const { notes, ...content } = report.content;
  return {
    id: report.id,
    ...content,
    generatedAt: report.generatedAt.toISOString(),
    generatedBy: report.generatedBy,
    sha256: report.sha256,
    previousReportId: report.previousReportId,
    lang,
    notes: notes[lang],
  };
}

export interface RenderedReport {
  contentType: string;
  filename: string;
  body: Buffer | string | ReportView;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The format asked for by `?format=`, else by the Accept header, else JSON. */
export function negotiateFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  const wanted = (accept ?? '').toLowerCase();
  if (wanted.includes('application/pdf')) return 'pdf';
  if (wanted.includes('spreadsheetml')) return 'xlsx';
  if (wanted.includes('text/csv')) return 'csv';
  return 'json';
}

@Injectable()
export class LiquidationReportsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly projects: ProjectsRepository,
    private readonly reports: LiquidationReportsRepository,
    private readonly data: ReportData,
    private readonly engine: EvaluationEngine,
    private readonly sales: SalesRepository,
    private readonly auditLog: AuditLogService,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * Has the evaluation engine judge the project as of the date into the report
   * only (the live flag register and the stored evaluations are never changed
   * by a report), then freezes it; in one transaction.
   */
  generate(actor: Actor, projectId: string, asOf: string): Promise<ReportView> {
    return this.writes.run(actor, async (tx) => {
      refuseFutureDate(tx.clock, 'asOf', asOf);
      await this.projects.within(tx).getById(projectId);
      const judged = await this.engine.judgeProjectAsOf(tx, projectId, asOf);
      // A sale committed while the engine was judging is left to the next report: the report holds the sales it judged.
      const judgedIds = new Set(judged.sales.map((judgement) => judgement.saleId));
      const sales = (await this.sales.within(tx).factsOfProject(projectId)).filter((sale) => judgedIds.has(sale.id));
      const input = await this.data.load(tx, projectId, asOf, sales, judged);
      const built = buildReport(input, writeNote);
      // Its canonical JSON written before the head is read: what remains under the chain lock is adding the head, hashing and storing.
      const frozen = new CanonicalObject(built);
      // Read after the report's facts: every write they reflect had committed, and its entries are sealed, here at the latest, at or
      // before this head. Sealing in this transaction holds the chain lock until it commits: the last steps, kept short.
      const { seq, hash, at, signature } = await this.auditLog.head(tx);
      const auditChainHead = { seq, hash, at, ...(signature ? { signature } : {}) };
      const content: ReportContent = { ...built, auditChainHead };
      const text = frozen.with('auditChainHead', auditChainHead);
      const sha256 = sha256Of(text);
      const stored = await this.reports.within(tx).insert(
        {
          projectId,
          asOf,
          generatedAt: tx.clock.now(),
          generatedBy: { id: actor.id, name: actor.name },
          previousReportId: input.previous?.id ?? null,
          sha256,
          content,
        },
        comparisonBasis(content),
        text,
      );
      return written(toReportView(stored, 'en'), auditEntry('liquidation-report.generated', 'liquidation-report', stored.id, {
        projectId, asOf, sha256, previousReportId: stored.previousReportId, summary: content.summary,
      }));
    });
  }

  /** From the read replica when there is one: a report frozen a moment ago may not be listed yet. */
  async list(projectId: string, limit: number, offset: number): Promise<Page<unknown>> {
    const page = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      return this.reports.within(scope).listOfProject(projectId, limit, offset);
    });
    return { items: page.items.map((item) => ({ ...item, generatedAt: item.generatedAt.toISOString() })), total: page.total };
  }

  /**
   * A frozen report never changes, so the read replica serves it (when there is
   * one) as well as the primary; one frozen a moment ago and not replayed there
   * yet is found on the primary (ReadReplica.run asks it again on not found).
   */
  async render(projectId: string, reportId: string, format: ReportFormat, lang: Lang, table: CsvTable): Promise<RenderedReport> {
    const stored = await this.replica.run(async (scope) => {
      await this.projects.within(scope).getById(projectId);
      const report = await this.reports.within(scope).findInProject(projectId, reportId);
      if (!report) throw DomainError.notFound('liquidation report', reportId);
      return report;
    });
    const view = toReportView(stored, lang);
    const base = `liquidation-report-${view.project.code}-${view.asOf}-${lang}`;
    const contentType = CONTENT_TYPES[format];
    switch (format) {
      case 'json':
        return { contentType, filename: `${base}.json`, body: view };
      // Each renderer (pdfkit and its fonts, exceljs) is loaded the first time it is asked for, not at boot.
      case 'csv':
        return { contentType, filename: `${base}-${table}.csv`, body: (await import('./renderers/csv.renderer')).renderCsv(view, table) };
      case 'xlsx':
        return { contentType, filename: `${base}.xlsx`, body: await (await import('./renderers/xlsx.renderer')).renderXlsx(view) };
      case 'pdf':
        return { contentType, filename: `${base}.pdf`, body: await (await import('./renderers/pdf.renderer')).renderPdf(view) };
    }
  }
}
