import { Injectable } from '@nestjs/common';
import { Page } from '../common/validation/pagination.dto';
import { AuditEntry, CHAIN_START, ChainCursor, checkNextEntry } from './audit-chain';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogQuery, ChainVerificationView } from './dto/audit-log.dto';

@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  list(query: AuditLogQuery): Promise<Page<AuditEntry>> {
    return this.auditLog.list({ entityType: query.entityType, entityId: query.entityId }, query.limit, query.offset);
  }

  /** Recomputes every link of the chain from the first entry. */
  async verify(): Promise<ChainVerificationView> {
    let cursor: ChainCursor = CHAIN_START;
    let entries = 0;
    for await (const entry of this.auditLog.scan()) {
      entries += 1;
      const next = checkNextEntry(cursor, entry);
      if (!next) return { ok: false, entries, firstBadSeq: entry.seq };
      cursor = next;
    }
    return { ok: true, entries };
  }
}
