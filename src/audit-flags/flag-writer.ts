import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditRecord } from '../audit-log/audit-log.repository';
import { auditEntry, WriteTransaction, written } from '../database/write-runner';
import { FlagChange, FlagRaise } from './flag-changes';
import { FlagsRepository, FlagUpdate, NewFlag, NewReview } from './flags.repository';
import { RULE_VERSIONS } from './flag-types';

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

export function countChanges(changes: SubjectChange[]): AppliedChanges {
  const count = (kind: FlagChange['kind']) => changes.filter((c) => c.change.kind === kind).length;
  return { raised: count('RAISE'), updated: count('UPDATE'), reopened: count('REOPEN'), cleared: count('CLEAR') };
}

/** The flag a raise writes, under an id of its own. */
export function raisedFlag(subject: SubjectChange & { change: FlagRaise }, at: Date): NewFlag {
  const { finding } = subject.change;
  return {
    id: randomUUID(), projectId: subject.projectId, saleId: subject.saleId, priceListId: subject.priceListId, unitType: finding.unitType ?? null,
    type: finding.type, severity: finding.severity, ruleVersion: RULE_VERSIONS[finding.type], evidence: finding.evidence, at,
  };
}

function raisedData(flag: NewFlag): Record<string, unknown> {
  return {
    type: flag.type, severity: flag.severity, saleId: flag.saleId, priceListId: flag.priceListId,
    unitType: flag.unitType, ruleVersion: flag.ruleVersion, evidence: flag.evidence,
  };
}

/** The audit-log entry of a raised flag, when a write logs one per flag. */
export function flagRaisedEntry(flag: NewFlag): AuditRecord {
  return auditEntry('flag.raised', 'audit-flag', flag.id, raisedData(flag));
}

const SYSTEM = { reviewerId: 'system', reviewerName: 'system' };

/** Up to this many flag changes in one write, each gets its own audit-log entry, evidence included. */
export const ONE_ENTRY_PER_FLAG_UP_TO = 100;

/**
 * Carries out flag changes in a write transaction, in bulk: inserts and
 * updates flags, appends the system entries of their history, and records
 * each change in the audit log. Nothing is ever deleted. Only the live flag
 * register is written here: evaluations as of a past date never come here.
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
        raises.push({ subject, flag: raisedFlag({ ...subject, change }, at) });
      } else if (change.kind === 'CLEAR') {
        cleared.push(change.flagId);
        reviews.push({ flagId: change.flagId, decision: 'CONDITION_CLEARED', note: `The condition no longer holds as of ${asOf}.`, at, ...SYSTEM });
      } else if (change.kind === 'REOPEN') {
        const { finding } = change;
        updates.push({
          action: 'flag.reopened',
          update: {
            id: change.flagId, status: 'OPEN', severity: finding.severity, pendingDismissal: false,
            ruleVersion: RULE_VERSIONS[finding.type], evidence: finding.evidence, at,
          },
        });
        const note =
          change.why === 'REOPENED_ON_ESCALATION'
            ? `Reopened: the condition holds at ${finding.severity} as of ${asOf}, more serious than when it was dismissed.`
            : `The condition holds again as of ${asOf}.`;
        reviews.push({ flagId: change.flagId, decision: change.why, note, at, ...SYSTEM });
      } else {
        const { finding } = change;
        updates.push({
          action: 'flag.updated',
          update: {
            // The status and decisions stay; a dismissal taken on other evidence or severity no longer counts towards two.
            id: change.flagId, status: null, severity: finding.severity, pendingDismissal: change.evidenceChanged ? false : null,
            ruleVersion: RULE_VERSIONS[finding.type], evidence: finding.evidence, at,
          },
        });
      }
    }

    const flags = this.flags.within(tx);
    await flags.insertMany(raises.map((r) => r.flag));
    await flags.updateMany(updates.map((u) => u.update));
    await flags.clearMany(cleared, at);
    await flags.appendReviews(reviews);

    const events = [
      ...raises.map(({ flag }) => ({ action: 'flag.raised', flagId: flag.id, data: raisedData(flag) })),
      ...updates.map(({ update, action }) => ({
        action, flagId: update.id,
        data: { ...(update.status ? { status: update.status } : {}), severity: update.severity, asOf, evidence: update.evidence },
      })),
      ...cleared.map((flagId) => ({ action: 'flag.cleared', flagId, data: { status: 'CLEARED', asOf } })),
    ];
    if (events.length <= ONE_ENTRY_PER_FLAG_UP_TO) {
      for (const event of events) tx.log(written(event.flagId, auditEntry(event.action, 'audit-flag', event.flagId, event.data)));
    } else {
      // A bulk re-evaluation (an audit run, an import) changes thousands of flags: its entries list them a
      // thousand at a time, with what changed; the evidence itself stays on each flag.
      for (let i = 0; i < events.length; i += 1000) {
        const changed = auditEntry('flags.changed', 'audit-flag', `bulk:${asOf}`, {
          asOf,
          changes: events.slice(i, i + 1000).map(({ action, flagId, data }) => ({
            action, flagId, ...(({ evidence: _evidence, ...rest }) => rest)(data as Record<string, unknown>),
          })),
        });
        tx.log(written(asOf, changed));
      }
    }
    return countChanges(changes);
  }
}
