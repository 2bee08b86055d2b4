import { Injectable } from '@nestjs/common';
import { WriteTransaction } from '../database/write-runner';
import { FlagChange } from './flag-changes';
import { FlagsRepository, FlagUpdate, NewFlag, NewReview } from './flags.repository';
import { RULE_VERSIONS } from './rules/flag-types';

/** A change decided for one subject: a sale, or a price list. */
export interface SubjectChange {
  projectId: string;
  saleId: string | null;
  priceListId: string | null;
  change: FlagChange;
}

export interface AppliedChanges {
  raised: number;
  updated: number;
  reopened: number;
  cleared: number;
}

const SYSTEM = { reviewerId: 'system', reviewerName: 'system' };

/**
 * Carries out flag changes in a write transaction, in bulk: inserts and
 * updates flags, appends the system entries of their history, and records
 * each change in the audit log. Nothing is ever deleted.
 */
@Injectable()
export class FlagWriter {
  constructor(private readonly flags: FlagsRepository) {}

  async apply(tx: WriteTransaction, changes: SubjectChange[], asOf: string): Promise<AppliedChanges> {
    const at = tx.clock.now();
    const raises: Array<{ subject: SubjectChange; flag: NewFlag }> = [];
    const updates: Array<{ update: FlagUpdate; action: 'flag.updated' | 'flag.reopened' }> = [];
    const cleared: string[] = [];
    const reviews: NewReview[] = [];
    for (const subject of changes) {
      const { change } = subject;
      if (change.kind === 'RAISE') {
        const { finding } = change;
        raises.push({
          subject,
          flag: {
            projectId: subject.projectId, saleId: subject.saleId, priceListId: subject.priceListId, unitType: finding.unitType ?? null,
            type: finding.type, severity: finding.severity, ruleVersion: RULE_VERSIONS[finding.type], evidence: finding.evidence, at,
          },
        });
      } else if (change.kind === 'CLEAR') {
        cleared.push(change.flagId);
        reviews.push({ flagId: change.flagId, decision: 'CONDITION_CLEARED', note: `The condition no longer holds as of ${asOf}.`, at, ...SYSTEM });
      } else {
        const { finding } = change;
        const reopening = change.kind === 'REOPEN';
        updates.push({
          action: reopening ? 'flag.reopened' : 'flag.updated',
          update: {
            id: change.flagId, status: 'OPEN', severity: finding.severity, pendingDismissal: false,
            ruleVersion: RULE_VERSIONS[finding.type], evidence: finding.evidence, at,
          },
        });
        if (reopening) {
          reviews.push({ flagId: change.flagId, decision: 'CONDITION_RETURNED', note: `The condition holds again as of ${asOf}.`, at, ...SYSTEM });
        }
      }
    }

    const flags = this.flags.within(tx);
    const raisedIds = await flags.insertMany(raises.map((r) => r.flag));
    await flags.updateMany(updates.map((u) => u.update));
    await flags.clearMany(cleared, at);
    await flags.appendReviews(reviews);

    raises.forEach(({ subject, flag }, index) =>
      tx.record('flag.raised', 'audit-flag', raisedIds[index], {
        type: flag.type, severity: flag.severity, saleId: subject.saleId, priceListId: subject.priceListId,
        unitType: flag.unitType, ruleVersion: flag.ruleVersion, evidence: flag.evidence,
      }),
    );
    for (const { update, action } of updates) {
      tx.record(action, 'audit-flag', update.id, { status: update.status, severity: update.severity, asOf, evidence: update.evidence });
    }
    for (const flagId of cleared) tx.record('flag.cleared', 'audit-flag', flagId, { status: 'CLEARED', asOf });
    const count = (kind: FlagChange['kind']) => changes.filter((c) => c.change.kind === kind).length;
    return { raised: count('RAISE'), updated: count('UPDATE'), reopened: count('REOPEN'), cleared: count('CLEAR') };
  }
}
