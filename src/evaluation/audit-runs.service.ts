import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { refuseFutureDate } from '../common/business-dates';
import { auditEntry, WriteRunner, WriteTransaction, written, Written } from '../database/write-runner';
import { AuditRunView } from './audit-run.dto';
import { EvaluationEngine } from './evaluation-engine';

/**
 * The audit run (docs/api-guide.md, The rules): every sale and price list of a project judged by the
 * evaluation engine with all the evidence known now, as of a date. Only a run
 * as of today changes the live flag register; a run as of a past date answers
 * what it would have changed then, and changes nothing (docs/api-guide.md).
 */
@Injectable()
export class AuditRunsService {
  constructor(
    private readonly writes: WriteRunner,
    private readonly engine: EvaluationEngine,
  ) {}

  run(actor: Actor, projectId: string, asOf: string | undefined): Promise<AuditRunView> {
    return this.writes.run(actor, (tx) => this.runWithin(tx, projectId, asOf ?? tx.clock.today(), asOf === undefined || asOf === tx.clock.today()));
  }

  /** `keep`: store what was found and change the live register (a run as of today); otherwise count only. */
  async runWithin(tx: WriteTransaction, projectId: string, asOf: string, keep: boolean): Promise<Written<AuditRunView>> {
    const started = Date.now();
    refuseFutureDate(tx.clock, 'asOf', asOf);
    const result = await this.engine.judgeProject(tx, projectId, asOf, keep);
    const view: AuditRunView = {
      projectId,
      asOf,
      liveRegisterChanged: keep,
      salesEvaluated: result.salesJudged,
      priceListsEvaluated: result.priceLists,
      salesReevaluated: result.salesReevaluated,
      flagsRaised: result.raised,
      flagsUpdated: result.updated,
      flagsReopened: result.reopened,
      flagsCleared: result.cleared,
      durationMs: Date.now() - started,
    };
    return written(view, auditEntry('audit-run.completed', 'project', projectId, view));
  }
}
