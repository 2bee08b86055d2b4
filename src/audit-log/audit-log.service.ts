import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../common/validation/pagination.dto';
import { AuditEntry, CHAIN_START, ChainCursor, ChainHead, EMPTY_CHAIN_HEAD, GENESIS_HASH, checkNextEntry } from './audit-chain';
import { AuditLogRepository } from './audit-log.repository';
import { ChainSealer } from './chain-sealer';
import { AuditLogQuery, ChainHeadView, ChainVerificationView, GivenHeadView } from './dto/audit-log.dto';
import { HeadSigner } from './head-signer';
import { ReadReplica } from '../database/read-replica';

/** A head handed out earlier: its place in the chain and the hash it had there. */
export interface GivenHead {
  seq: number;
  hash: string;
}

@Injectable()
export class AuditLogService {
  constructor(
    private readonly auditLog: AuditLogRepository,
    private readonly signer: HeadSigner,
    private readonly sealer: ChainSealer,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * The log as a reader sees it: every write that has answered is in the chain (a write seals its entries before it
   * answers; this seals any left pending, on the primary). The page is read from the read replica when there is one,
   * where the newest entries may not have arrived yet; the head and verify read the primary.
   */
  async list(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    await this.sealer.seal();
    return this.replica.run((scope) =>
      this.auditLog.within(scope).list({ entityType: query.entityType, entityId: query.entityId }, query.limit, query.offset, query.order ?? 'asc'),
    );
  }

  /** The chain's last entry, signed when the service has a signing key; read in `tx` when given. */
  async head(tx?: { manager: EntityManager }): Promise<ChainHeadView> {
    // In a transaction (a report), its entries committed before are sealed in it, under the chain lock until it commits.
    if (tx) await ChainSealer.sealWithin(tx);
    else await this.sealer.seal();
    const repository = tx ? this.auditLog.within(tx) : this.auditLog;
    const head: ChainHead = (await repository.head()) ?? EMPTY_CHAIN_HEAD;
    return { ...head, ...this.signer.sign(head.seq, head.hash) };
  }

  /**
   * Recomputes every link of the chain from the first entry, a page at a time.
   * With a head given earlier, also proves that it is still in the chain: the
   * entry at its seq has its hash and the walk through it recomputes.
   */
  async verify(given?: GivenHead): Promise<ChainVerificationView> {
    await this.sealer.seal();
    let cursor: ChainCursor = CHAIN_START;
    let entries = 0;
    let firstBadSeq: number | undefined;
    let givenStoredHash: string | null = given?.seq === 0 ? GENESIS_HASH : null;
    for await (const entry of this.auditLog.scan()) {
      entries += 1;
      const next = checkNextEntry(cursor, entry);
      if (!next) {
        firstBadSeq = entry.seq;
        break;
      }
      if (entry.seq === given?.seq) givenStoredHash = entry.hash;
      cursor = next;
    }
    const view: ChainVerificationView = { ok: firstBadSeq === undefined, entries, ...(firstBadSeq === undefined ? {} : { firstBadSeq }) };
    if (!given) return view;
    const head = firstBadSeq === undefined ? { seq: cursor.expectedSeq - 1, hash: cursor.prevHash } : await this.storedHead();
    // Past a break the walk stops: the entry is looked up directly, to tell a cut or a rewrite from a break before it.
    if (firstBadSeq !== undefined && given.seq >= firstBadSeq) givenStoredHash = await this.auditLog.hashAt(given.seq);
    const givenView = judgeGivenHead(given, givenStoredHash, firstBadSeq);
    return { ...view, ok: view.ok && givenView.problem === undefined, head, given: givenView };
  }

  private async storedHead(): Promise<{ seq: number; hash: string }> {
    const { seq, hash } = (await this.auditLog.head()) ?? EMPTY_CHAIN_HEAD;
    return { seq, hash };
  }
}

function judgeGivenHead(given: GivenHead, storedHash: string | null, firstBadSeq: number | undefined): GivenHeadView {
  const found = storedHash === given.hash;
  const base = { seq: given.seq, hash: given.hash, found };
  if (storedHash === null) return { ...base, problem: 'cut' };
  if (!found) return { ...base, problem: 'rehashed' };
  if (firstBadSeq !== undefined && firstBadSeq <= given.seq) return { ...base, problem: 'broken' };
  return base;
}
