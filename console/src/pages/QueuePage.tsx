import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Link, useLocation, useSearch } from 'wouter-preact';
import { api, BatchReviewAnswer, Flag, FlagPage, Project } from '../api';
import { Problem, SeverityBadge } from '../components/Status';
import { dateTime } from '../format';
import { useLoad, useProjects } from '../hooks';
import { useI18n } from '../i18n';
import { canDecide, useMe } from '../me';

const PAGE_SIZE = 50;
const STATUSES = ['OPEN', 'CONFIRMED', 'DISMISSED', 'CLEARED'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
const TYPES = ['RELATED_PARTY_SALE', 'BELOW_MARKET', 'AT_OR_BELOW_COST', 'EXCESS_DISCOUNT', 'RELATED_REFERRER', 'MISSING_DEPOSIT', 'UNPAID_POSSESSION', 'PRICE_BELOW_EARLIER_BATCH'];

interface Filters { projectId: string; status: string; severity: string; type: string; sort: string; mine: boolean; offset: number }

function filtersOf(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    projectId: params.get('projectId') ?? '',
    status: params.get('status') ?? 'OPEN',
    severity: params.get('severity') ?? '',
    type: params.get('type') ?? '',
    sort: params.get('sort') ?? '-severity',
    mine: params.get('awaiting') === 'mine',
    offset: Math.max(0, Number(params.get('offset') ?? 0) || 0),
  };
}

function searchOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.projectId) params.set('projectId', filters.projectId);
  params.set('status', filters.status);
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.type) params.set('type', filters.type);
  params.set('sort', filters.sort);
  if (filters.mine) params.set('awaiting', 'mine');
  if (filters.offset) params.set('offset', String(filters.offset));
  return params.toString();
}

export function subjectOf(flag: Flag, t: { batch: string }): string {
  if (flag.subjectType === 'SALE') return flag.unitNo ?? flag.saleId ?? '';
  return `${t.batch} ${flag.batchNo ?? ''}${flag.unitType ? ` · ${flag.unitType}` : ''}`;
}

export function QueuePage() {
  const { t, e, lang } = useI18n();
  const me = useMe();
  const auditor = canDecide(me);
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = filtersOf(search);
  const projects = useProjects();
  const projectById = useMemo(() => new Map(projects.map((p) => [p.id, p])), [projects]);
  const set = (change: Partial<Filters>) => navigate(`/queue?${searchOf({ ...filters, offset: 0, ...change })}`);

  const page = useLoad(
    () => api.get<FlagPage>('/api/audit-flags', {
      projectId: filters.projectId, status: filters.mine ? 'OPEN' : filters.status, severity: filters.severity, type: filters.type, sort: filters.sort,
      awaitingSecondDismissal: filters.mine ? true : undefined, excludeFirstDismissedBy: filters.mine ? 'me' : undefined,
      limit: PAGE_SIZE, offset: filters.offset,
    }),
    [search],
  );
  const items = page.data?.items ?? [];
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [decision, setDecision] = useState<'CONFIRM' | 'DISMISS' | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<BatchReviewAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  // Keys come faster than renders: they read and move the cursor through refs, never through a render's copy.
  const cursorRef = useRef(0);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const placeCursor = (index: number) => {
    cursorRef.current = Math.max(0, Math.min(index, itemsRef.current.length - 1));
    setCursor(cursorRef.current);
  };
  const atCursor = () => itemsRef.current[cursorRef.current];

  // A new filter starts a new selection: reset in the layout phase, before any key can reach the new rows
  // (a plain effect may run a frame later, after the first keys, and undo them).
  useLayoutEffect(() => { placeCursor(0); setSelected(new Set()); }, [search]);

  const toggle = (id: string) => setSelected((previous) => {
    const next = new Set(previous);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const targets = selected.size > 0 ? [...selected] : items[cursor] ? [items[cursor].id] : [];
  /** Opens the decision on the selected flags, or on the flag at the cursor when none is selected. */
  const startDecision = (kind: 'CONFIRM' | 'DISMISS') => {
    const flag = atCursor();
    if (!auditor || !flag) return;
    setSelected((previous) => (previous.size > 0 ? previous : new Set([flag.id])));
    setDecision(kind);
    setTimeout(() => noteField.current?.focus(), 0);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.ctrlKey || event.metaKey || event.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      const flag = atCursor();
      if (event.key === 'j') placeCursor(cursorRef.current + 1);
      else if (event.key === 'k') placeCursor(cursorRef.current - 1);
      else if (event.key === 'Enter' && flag && target.tagName !== 'BUTTON' && target.tagName !== 'A') navigate(`/flags/${flag.id}`);
      else if (event.key === 'x' && flag) toggle(flag.id);
      else if (event.key === 'c') startDecision('CONFIRM');
      else if (event.key === 'd') startDecision('DISMISS');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [auditor]);
  useEffect(() => {
    document.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  /** Takes `kind` on every targeted flag: one request, one decision (and audit-log entry) per flag. */
  const decide = async (kind: 'CONFIRM' | 'DISMISS') => {
    setDecision(kind);
    if (!note.trim()) { setProblem(t.noteRequired); noteField.current?.focus(); return; }
    setProblem(null);
    try {
      const answer = await api.post<BatchReviewAnswer>('/api/audit-flags/reviews', { reviews: targets.map((flagId) => ({ flagId, decision: kind, note })) });
      setOutcome(answer);
      setDecision(null);
      setNote('');
      setSelected(new Set());
      page.reload();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const counts = page.data?.countsBySeverity;
  const total = page.data?.total ?? 0;
  const zoneOf = (flag: Flag) => projectById.get(flag.projectId)?.timeZone ?? 'UTC';
  return (
    <>
      <h1>{filters.mine ? t.awaitingMine : t.queueTitle}</h1>
      <section class="panel" aria-label={t.filters}>
        <form class="filters" onSubmit={(event) => event.preventDefault()}>
          <div class="field">
            <label for="f-project">{t.project}</label>
            <select id="f-project" value={filters.projectId} onChange={(ev) => set({ projectId: ev.currentTarget.value })}>
              <option value="">{t.all}</option>
              {projects.map((project: Project) => <option key={project.id} value={project.id}>{project.code} · {project.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-status">{t.status}</label>
            <select id="f-status" value={filters.mine ? 'OPEN' : filters.status} disabled={filters.mine} onChange={(ev) => set({ status: ev.currentTarget.value })}>
              {STATUSES.map((s) => <option key={s} value={s}>{e('status', s)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-severity">{t.severity}</label>
            <select id="f-severity" value={filters.severity} onChange={(ev) => set({ severity: ev.currentTarget.value })}>
              <option value="">{t.all}</option>
              {SEVERITIES.map((s) => <option key={s} value={s}>{e('severity', s)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-type">{t.rule}</label>
            <select id="f-type" value={filters.type} onChange={(ev) => set({ type: ev.currentTarget.value })}>
              <option value="">{t.all}</option>
              {TYPES.map((type) => <option key={type} value={type}>{e('type', type)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="f-sort">{t.sort}</label>
            <select id="f-sort" value={filters.sort} onChange={(ev) => set({ sort: ev.currentTarget.value })}>
              <option value="-severity">{t.sortSeverityDesc}</option>
              <option value="severity">{t.sortSeverityAsc}</option>
              <option value="raisedAt">{t.sortRaisedAsc}</option>
              <option value="-raisedAt">{t.sortRaisedDesc}</option>
              <option value="-updatedAt">{t.sortUpdatedDesc}</option>
              <option value="type">{t.sortType}</option>
            </select>
          </div>
          {auditor && (
            <div class="field check">
              <input id="f-mine" type="checkbox" checked={filters.mine} onChange={(ev) => set({ mine: ev.currentTarget.checked })} aria-describedby="f-mine-help" />
              <label for="f-mine">{t.awaitingMine}</label>
              <span id="f-mine-help" class="help">({t.awaitingMineHelp})</span>
            </div>
          )}
        </form>
        <div class="counts" role="group" aria-label={t.countsBySeverity}>
          {SEVERITIES.map((severity) => (
            <button key={severity} type="button" aria-pressed={filters.severity === severity} class={`sev-${severity}`}
              onClick={() => set({ severity: filters.severity === severity ? '' : severity })} data-testid={`count-${severity}`}>
              {e('severity', severity)}: <strong>{counts ? counts[severity] : '…'}</strong>
            </button>
          ))}
        </div>
        <p class="help">{t.keyboardHelp}</p>
      </section>

      {outcome && <p role="status" class={outcome.refused ? 'problem' : 'ok'}>{t.batchResult(outcome.accepted, outcome.refused)}
        {outcome.results.filter((r) => !r.accepted).map((r) => <span key={r.flagId}> · {r.error?.message}</span>)}</p>}

      {auditor && (selected.size > 0 || decision) && (
        <form class="bulk" onSubmit={(event) => { event.preventDefault(); if (decision) void decide(decision); }} aria-label={t.decideSelected}>
          <strong>{t.selected(targets.length)}</strong>
          <label for="bulk-note" class="visually-hidden">{t.note}</label>
          <textarea id="bulk-note" ref={noteField} placeholder={t.note} value={note} onInput={(ev) => setNote(ev.currentTarget.value)}
            onKeyDown={(ev) => {
              if (ev.key === 'Escape') setDecision(null);
              if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && decision) { ev.preventDefault(); void decide(decision); }
            }} />
          <button type="button" class={decision === 'CONFIRM' ? 'primary' : ''} onClick={() => decide('CONFIRM')}>{t.confirm}</button>
          <button type="button" class={decision === 'DISMISS' ? 'danger' : ''} onClick={() => decide('DISMISS')}>{t.dismiss}</button>
          <button type="button" onClick={() => { setDecision(null); setSelected(new Set()); }}>{t.cancel}</button>
          {problem && <span role="alert" class="problem">{problem}</span>}
        </form>
      )}

      <Problem error={page.error} />
      <table aria-busy={page.loading} aria-label={t.queueTitle}>
        <thead>
          <tr>
            {auditor && (
              <th scope="col">
                <input type="checkbox" aria-label={t.selectAll} checked={items.length > 0 && items.every((f) => selected.has(f.id))}
                  onChange={(ev) => setSelected(ev.currentTarget.checked ? new Set(items.map((f) => f.id)) : new Set())} />
              </th>
            )}
            <th scope="col">{t.severity}</th>
            <th scope="col">{t.rule}</th>
            <th scope="col">{t.subject}</th>
            <th scope="col">{t.project}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.fourEyes}</th>
            <th scope="col">{t.raisedAt}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((flag, index) => (
            <tr key={flag.id} class={index === cursor ? 'cursor' : ''} aria-current={index === cursor ? 'true' : undefined} onClick={() => placeCursor(index)} data-flag-id={flag.id}>
              {auditor && (
                <td><input type="checkbox" aria-label={`${t.select} ${subjectOf(flag, t)} ${e('type', flag.type)}`} checked={selected.has(flag.id)} onChange={() => toggle(flag.id)} /></td>
              )}
              <td><SeverityBadge severity={flag.severity} /></td>
              <td><Link href={`/flags/${flag.id}`}>{e('type', flag.type)}</Link></td>
              <td>{subjectOf(flag, t)}</td>
              <td>{projectById.get(flag.projectId)?.code ?? ''}</td>
              <td>{e('status', flag.status)}</td>
              <td>{flag.pendingDismissal ? <strong>{t.awaitingSecondShort}</strong> : flag.severity === 'HIGH' && flag.status === 'OPEN' ? t.needsTwoShort : ''}</td>
              <td title={zoneOf(flag)}>{dateTime(flag.raisedAt, zoneOf(flag), lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!page.loading && items.length === 0 && <p>{t.noFlags}</p>}
      <nav class="pager" aria-label={t.pages}>
        <button type="button" disabled={filters.offset === 0} onClick={() => set({ offset: Math.max(0, filters.offset - PAGE_SIZE) })}>{t.previous}</button>
        <span aria-live="polite">{total === 0 ? '' : t.pageOf(filters.offset + 1, Math.min(filters.offset + PAGE_SIZE, total), total)}</span>
        <button type="button" disabled={filters.offset + PAGE_SIZE >= total} onClick={() => set({ offset: filters.offset + PAGE_SIZE })}>{t.next}</button>
      </nav>
    </>
  );
}
