import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { toErrorBody } from '../common/errors/error-response.filter';
import { auditEntry, WriteRunner, written } from '../database/write-runner';
import { BatchReviewDto, BatchReviewResult, BatchReviewView, FlagPageView, FlagReviewView, FlagView, FlagsQuery, ReviewDto } from './dto/flag.dto';
import { Flag, FlagReview, FlagSubject, FlagsRepository } from './flags.repository';
import { evidenceHash } from './evidence-hash';
import { decideReview, dismissalsThatCount } from './review/review';
import { ReadReplica } from '../database/read-replica';

export function toFlagView(flag: Flag, reviews?: FlagReview[], subject?: FlagSubject): FlagView {
  const hash = evidenceHash(flag.evidence);
  const decisions = (reviews ?? []).filter((review) => review.decision === 'CONFIRM' || review.decision === 'DISMISS');
  const lastDecision = decisions[decisions.length - 1];
  return {
    id: flag.id,
    projectId: flag.projectId,
    subjectType: flag.saleId ? 'SALE' : 'PRICE_LIST',
    saleId: flag.saleId,
    priceListId: flag.priceListId,
    unitType: flag.unitType,
    type: flag.type,
    severity: flag.severity,
    status: flag.status,
    pendingDismissal: flag.pendingDismissal,
    ruleVersion: flag.ruleVersion,
    evidence: flag.evidence,
    evidenceHash: hash,
    raisedAt: flag.raisedAt.toISOString(),
    updatedAt: flag.updatedAt.toISOString(),
    ...(subject ? { unitNo: subject.unitNo, batchNo: subject.batchNo } : {}),
    ...(reviews
      ? {
          decidedOnEarlierEvidence: lastDecision ? lastDecision.evidenceHash !== null && lastDecision.evidenceHash !== hash : false,
          reviews: reviews.map((review) => toReviewView(review, hash)),
        }
      : {}),
  };
}

function toReviewView(review: FlagReview, currentHash: string): FlagReviewView {
  return {
    ...review,
    at: review.at.toISOString(),
    onCurrentEvidence: review.evidenceHash === null ? null : review.evidenceHash === currentHash,
  };
}

@Injectable()
export class FlagsService {
  constructor(
    private readonly flags: FlagsRepository,
    private readonly writes: WriteRunner,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * The review queue and every flag list: from the read replica when there is one, so a flag raised or reviewed a
   * moment ago may not show yet (or show its old status); a review reads the flag again on the primary, in its write.
   * `excludeFirstDismissedBy=me` is the asking user: "awaiting my second signature" is `awaitingSecondDismissal=true&excludeFirstDismissedBy=me`.
   */
  async list(actor: Actor, query: FlagsQuery): Promise<FlagPageView> {
    const sort = query.sort ?? 'raisedAt';
    const { page, subjects } = await this.replica.run(async (scope) => {
      const flags = this.flags.within(scope);
      const found = await flags.list(
        {
          projectId: query.projectId, saleId: query.saleId, status: query.status, type: query.type, severity: query.severity,
          awaitingSecondDismissal: query.awaitingSecondDismissal,
          excludeDismissedBy: query.excludeFirstDismissedBy === 'me' ? actor.id : query.excludeFirstDismissedBy?.toLowerCase(),
        },
        { by: sort.replace('-', '') as 'raisedAt' | 'updatedAt' | 'severity' | 'type', descending: sort.startsWith('-') },
        query.limit,
        query.offset,
      );
      return { page: found, subjects: await flags.subjectsOf(found.items.map((flag) => flag.id)) };
    });
    return { items: page.items.map((flag) => toFlagView(flag, undefined, subjects.get(flag.id))), total: page.total, countsBySeverity: page.countsBySeverity };
  }

  async get(id: string): Promise<FlagView> {
    const flag = await this.flags.findById(id);
    if (!flag) throw DomainError.notFound('audit flag', id);
    const reviews = await this.flags.reviewsOf([id]);
    const subjects = await this.flags.subjectsOf([id]);
    return toFlagView(flag, reviews.get(id), subjects.get(id));
  }

  /** Every decision is kept (docs/api-guide.md, The register); the flag's status follows the state machine. Reviews of one flag queue on its lock. */
  review(actor: Actor, flagId: string, dto: ReviewDto): Promise<FlagView> {
    return this.writes.run(actor, async (tx) => {
      const flags = this.flags.within(tx);
      const flag = await flags.lockById(flagId);
      if (!flag) throw DomainError.notFound('audit flag', flagId);
      const history = (await flags.reviewsOf([flagId])).get(flagId)!;
      const hash = evidenceHash(flag.evidence);
      const dismissedBy = dismissalsThatCount(history, flag.severity, hash);
      const outcome = decideReview({ status: flag.status, severity: flag.severity, dismissedBy }, dto.decision, actor.id);
      if (!outcome.accepted) throw new DomainError(ErrorCode.CONFLICT, outcome.message, { reason: outcome.reason, status: flag.status });
      const at = tx.clock.now();
      await flags.appendReviews([
        { flagId, decision: dto.decision, note: dto.note, reviewerId: actor.id, reviewerName: actor.name, at, severity: flag.severity, evidenceHash: hash },
      ]);
      await flags.setReviewState(flagId, outcome.status, outcome.pendingDismissal, at);
      const reviewed = auditEntry('flag.reviewed', 'audit-flag', flagId, {
        decision: dto.decision, note: dto.note, status: outcome.status, pendingDismissal: outcome.pendingDismissal,
        severity: flag.severity, evidenceHash: hash,
      });
      const updated = (await flags.findById(flagId))!;
      return written(toFlagView(updated, (await flags.reviewsOf([flagId])).get(flagId)), reviewed);
    });
  }

  /**
   * Decisions on several flags, each taken or refused on its own, in the
   * order sent: each is a review of one flag (its own transaction and
   * audit-log entry, the four-eyes rule applied to it), and a refusal is
   * answered as the single-flag route would answer it.
   */
  async reviewMany(actor: Actor, dto: BatchReviewDto): Promise<BatchReviewView> {
    const results: BatchReviewResult[] = [];
    for (const item of dto.reviews) {
      const flagId = item.flagId.toLowerCase();
      try {
        results.push({ flagId, accepted: true, flag: await this.review(actor, flagId, { decision: item.decision, note: item.note }) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ flagId, accepted: false, error: toErrorBody(error)! });
      }
    }
    const accepted = results.filter((result) => result.accepted).length;
    return { results, accepted, refused: results.length - accepted };
  }
}
