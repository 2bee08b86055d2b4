import { useState } from 'preact/hooks';
import { api, Page } from '../api';
import { Problem } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { canReadAuditLog, useMe } from '../me';

interface Entry { seq: number; at: string; actor: string; action: string; entityType: string; entityId: string; data: unknown; hash: string }
interface Verification { ok: boolean; entries: number; firstBadSeq?: number }
interface Head { seq: number; hash: string; at: string | null }

const PAGE_SIZE = 50;
const ENTITY_TYPES = ['project', 'unit', 'price-list', 'market-price', 'party', 'sale', 'audit-flag', 'liquidation-report', 'import', 'user'];

export function AuditLogPage() {
  const { t, e } = useI18n();
  const me = useMe();
  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [filter, setFilter] = useState({ entityType: '', entityId: '', offset: 0 });
  const [check, setCheck] = useState<{ verification: Verification; head: Head } | null>(null);
  const [checkError, setCheckError] = useState<Error | null>(null);
  const entries = useLoad(
    () => (canReadAuditLog(me)
      ? api.get<Page<Entry>>('/api/audit-log', { entityType: filter.entityType, entityId: filter.entityId, order: 'desc', limit: PAGE_SIZE, offset: filter.offset })
      : Promise.resolve({ items: [], total: 0 })),
    [filter],
  );
  if (!canReadAuditLog(me)) return <p role="alert">{t.forbidden}</p>;
  const verify = async () => {
    setCheckError(null);
    try {
      const head = await api.get<Head>('/api/audit-log/head');
      const verification = await api.get<Verification>('/api/audit-log/verify', { seq: head.seq, hash: head.hash });
      setCheck({ verification, head });
    } catch (error) {
      setCheckError(error as Error);
    }
  };
  const total = entries.data?.total ?? 0;
  return (
    <>
      <h1>{t.auditLogTitle}</h1>
      <section class="panel">
        <form class="filters" onSubmit={(event) => { event.preventDefault(); setFilter({ entityType: entityType.trim(), entityId: entityId.trim(), offset: 0 }); }}>
          <div class="field">
            <label for="log-type">{t.entityType}</label>
            <select id="log-type" value={entityType} onChange={(ev) => setEntityType(ev.currentTarget.value)}>
              <option value="">{t.all}</option>
              {ENTITY_TYPES.map((type) => <option key={type} value={type}>{e('entityType', type)}</option>)}
            </select>
          </div>
          <div class="field"><label for="log-id">{t.entityId}</label><input id="log-id" size={38} value={entityId} onInput={(ev) => setEntityId(ev.currentTarget.value)} /></div>
          <button type="submit">{t.apply}</button>
          <button type="button" class="primary" onClick={verify}>{t.checkChain}</button>
        </form>
        {check && (
          <p role="status" class={check.verification.ok ? 'ok' : 'problem'} data-testid="chain-check">
            {check.verification.ok ? t.chainOk(check.verification.entries) : `${t.chainBroken}: ${t.seq} ${check.verification.firstBadSeq ?? '?'}`}
            {' · '}{t.chainHead}: {check.head.seq} <span class="mono">{check.head.hash.slice(0, 16)}…</span>
          </p>
        )}
        <Problem error={checkError} />
      </section>
      <Problem error={entries.error} />
      <table>
        <thead><tr><th scope="col" class="num">{t.seq}</th><th scope="col">{t.at}</th><th scope="col">{t.action}</th><th scope="col">{t.entityType}</th><th scope="col">{t.entityId}</th><th scope="col">{t.actor}</th><th scope="col">{t.hash}</th></tr></thead>
        <tbody>
          {(entries.data?.items ?? []).map((entry) => (
            <tr key={entry.seq}>
              <td class="num">{entry.seq}</td><td>{entry.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</td><td class="mono">{entry.action}</td>
              <td>{e('entityType', entry.entityType)}</td><td class="mono">{entry.entityId}</td><td class="mono">{entry.actor}</td><td class="mono">{entry.hash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label={t.pages}>
        <button type="button" disabled={filter.offset === 0} onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - PAGE_SIZE) })}>{t.previous}</button>
        <span>{total === 0 ? '' : t.pageOf(filter.offset + 1, Math.min(filter.offset + PAGE_SIZE, total), total)}</span>
        <button type="button" disabled={filter.offset + PAGE_SIZE >= total} onClick={() => setFilter({ ...filter, offset: filter.offset + PAGE_SIZE })}>{t.next}</button>
      </nav>
    </>
  );
}
