import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, Flag, Project } from '../api';
import { Chart } from '../components/Chart';
import { EvidenceTable, Facts } from '../components/Facts';
import { RelationsGraph } from '../components/Graph';
import { Loading, Problem, SeverityBadge } from '../components/Status';
import { date, dateTime, money, percent, decimal } from '../format';
import { useLoad, useProjects } from '../hooks';
import { I18n, useI18n } from '../i18n';
import { canDecide, useMe } from '../me';
import { subjectOf } from './QueuePage';

interface PathParty { name: string; insiderRole: string | null }
interface RelatedFinding { isRelated: boolean; paths: string[][]; parties: Record<string, PathParty> }
interface Comparable { saleId: string; unitNo: string; contractDate: string; saleableArea: string; netPrice: string; pricePerSqm: string }
interface Excluded { saleId: string; unitNo: string; reason: string }
export interface SaleView {
  id: string; projectId: string; unitNo: string; buyers: Array<{ id: string; name: string }>; contractDate: string; status: string;
  listPrice: string | null; netPrice: string; costPrice: string | null; discountPct: string | null;
  market: { price: string; pricePerSqm: string; method: string; basis: Record<string, unknown> } | null;
  variance: { amount: string; pct: string } | null; paid: string; outstanding: string; handedOverOn: string | null; occupied: boolean;
  relatedParty: RelatedFinding; referrer: (RelatedFinding & { partyId: string }) | null;
  deposit: { dueDate: string; minDepositPct: string; requiredDeposit: string; paidByDueDate: string } | null;
  payments: Array<{ id: string; amount: string; receivedOn: string; kind: string; reference: string | null; reversalOf: string | null }>;
}

export function FlagPage({ params }: { params: { id: string } }) {
  const { t, e } = useI18n();
  const projects = useProjects();
  const flag = useLoad(() => api.get<Flag>(`/api/audit-flags/${params.id}`), [params.id]);
  const sale = useLoad(
    () => (flag.data?.saleId ? api.get<SaleView>(`/api/sales/${flag.data.saleId}`) : Promise.resolve(null)),
    [flag.data?.saleId],
  );
  if (flag.error) return <Problem error={flag.error} />;
  if (!flag.data) return <Loading />;
  const f = flag.data;
  const project = projects.find((p) => p.id === f.projectId);
  return (
    <>
      <p><Link href="/queue">← {t.navQueue}</Link></p>
      <h1>{t.flagTitle(e('type', f.type), subjectOf(f, t))} <SeverityBadge severity={f.severity} /> <span class="badge">{e('status', f.status)}</span></h1>
      <FourEyes flag={f} />
      <div class="grid2">
        <Decision flag={f} onDecided={() => { flag.reload(); sale.reload(); }} />
        <section class="panel" aria-labelledby="h-history">
          <h2 id="h-history">{t.reviewHistory}</h2>
          <ReviewHistory flag={f} timeZone={project?.timeZone ?? 'UTC'} />
        </section>
      </div>
      <p />
      {sale.data && project ? <SaleSections sale={sale.data} project={project} /> : f.saleId ? <Loading /> : null}
      {f.subjectType === 'PRICE_LIST' && project && (
        <p><Link href={`/projects/${project.id}`}>{t.openProject}: {project.code} · {project.name}</Link></p>
      )}
      <section class="panel" aria-labelledby="h-evidence">
        <h2 id="h-evidence">{t.evidence}</h2>
        <EvidenceTable evidence={Object.fromEntries(Object.entries(f.evidence).filter(([key]) => key !== 'basis'))} caption={t.evidence} labels={t} />
      </section>
    </>
  );
}

function FourEyes({ flag }: { flag: Flag }) {
  const { t } = useI18n();
  if (flag.severity !== 'HIGH' || flag.status !== 'OPEN') return null;
  const first = [...(flag.reviews ?? [])].reverse().find((review) => review.decision === 'DISMISS');
  return (
    <div class="four-eyes" role="status" data-testid="four-eyes">
      {flag.pendingDismissal && first ? <><strong>{t.awaitingSecond}</strong> — {t.firstDismissedBy} {first.reviewerName}</> : t.needsTwo}
    </div>
  );
}

function Decision({ flag, onDecided }: { flag: Flag; onDecided: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (!canDecide(me)) return <section class="panel"><h2>{t.decision}</h2><p class="help">{t.cannotDecide}</p></section>;
  const decide = async (decision: 'CONFIRM' | 'DISMISS' | 'COMMENT') => {
    if (!note.trim()) { setProblem(t.noteRequired); return; }
    setProblem(null);
    try {
      await api.post(`/api/audit-flags/${flag.id}/reviews`, { decision, note });
      setNote('');
      setDone(true);
      onDecided();
    } catch (error) {
      setDone(false);
      setProblem((error as Error).message);
    }
  };
  return (
    <section class="panel" aria-labelledby="h-decision">
      <h2 id="h-decision">{t.decision}</h2>
      <form class="decide" onSubmit={(event) => event.preventDefault()}>
        <label for="decision-note">{t.note}</label>
        <textarea id="decision-note" required value={note} onInput={(ev) => setNote(ev.currentTarget.value)} />
        <div class="buttons">
          <button type="button" class="primary" onClick={() => decide('CONFIRM')}>{t.confirm}</button>
          <button type="button" class="danger" onClick={() => decide('DISMISS')}>{t.dismiss}</button>
          <button type="button" onClick={() => decide('COMMENT')}>{t.comment}</button>
        </div>
        {problem && <p role="alert" class="problem">{problem}</p>}
        {done && !problem && <p role="status" class="ok">{t.decided}</p>}
      </form>
    </section>
  );
}

function ReviewHistory({ flag, timeZone }: { flag: Flag; timeZone: string }) {
  const { t, e, lang } = useI18n();
  const reviews = flag.reviews ?? [];
  if (reviews.length === 0) return <p>{t.none}</p>;
  return (
    <table data-testid="review-history">
      <thead><tr><th scope="col">{t.at}</th><th scope="col">{t.reviewer}</th><th scope="col">{t.decision}</th><th scope="col">{t.severityAtDecision}</th><th scope="col">{t.note}</th></tr></thead>
      <tbody>
        {reviews.map((review) => (
          <tr key={review.seq}>
            <td>{dateTime(review.at, timeZone, lang)}</td>
            <td>{review.reviewerName}</td>
            <td>{e('decision', review.decision)}{review.onCurrentEvidence === false ? ` (${t.onEarlierEvidence})` : ''}</td>
            <td><SeverityBadge severity={review.severity} /></td>
            <td>{review.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SaleSections({ sale, project }: { sale: SaleView; project: Project }) {
  const { t, e, lang } = useI18n();
  const m = (amount: string | null) => money(amount, project.currency, lang);
  return (
    <>
      <section class="panel" aria-labelledby="h-sale">
        <h2 id="h-sale">{t.theSale}</h2>
        <Facts rows={[
          [t.unit, sale.unitNo],
          [t.buyers, sale.buyers.map((buyer, i) => <>{i > 0 && ', '}<Link href={`/parties/${buyer.id}`}>{buyer.name}</Link></>)],
          [t.contractDate, date(sale.contractDate)],
          [t.status, e('status', sale.status)],
          [t.listPrice, m(sale.listPrice)],
          [t.netPrice, m(sale.netPrice)],
          [t.marketPrice, m(sale.market?.price ?? null)],
          [t.variance, sale.variance ? `${m(sale.variance.amount)} (${percent(sale.variance.pct, lang)})` : '—'],
          [t.costPrice, m(sale.costPrice)],
          [t.paid, m(sale.paid)],
          [t.outstanding, m(sale.outstanding)],
          [t.handover, sale.handedOverOn ? `${date(sale.handedOverOn)} · ${t.occupied}: ${sale.occupied ? t.yes : t.no}` : t.notHandedOver],
        ]} />
      </section>
      <div class="grid2">
        <RelatedPath sale={sale} />
        <Payments sale={sale} project={project} />
      </div>
      <p />
      <MarketEvidence sale={sale} project={project} />
    </>
  );
}

/** "Zhang San — Personal staff — Li Wei (CEO)": names and relationships along each path. */
export function pathText(path: string[], parties: Record<string, PathParty>, i18n: I18n): string {
  return path.map((step, i) => {
    if (i % 2 === 1) return i18n.e('relationship', step);
    const party = parties[step];
    if (!party) return step;
    return party.insiderRole ? `${party.name} (${party.insiderRole})` : party.name;
  }).join(' — ');
}

function RelatedPath({ sale }: { sale: SaleView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const finding = sale.relatedParty;
  const nodes = new Map<string, { id: string; name: string; note: string | null; emphasis: boolean }>();
  const edges: Array<{ from: string; to: string; label: string }> = [];
  for (const path of finding.paths) {
    for (let i = 0; i < path.length; i += 2) {
      const party = finding.parties[path[i]];
      nodes.set(path[i], { id: path[i], name: party?.name ?? path[i], note: party?.insiderRole ?? null, emphasis: i === 0 });
      if (i + 2 < path.length) edges.push({ from: path[i], to: path[i + 2], label: i18n.e('relationship', path[i + 1]) });
    }
  }
  return (
    <section class="panel" aria-labelledby="h-path">
      <h2 id="h-path">{t.relatedPath}</h2>
      {finding.paths.length === 0 ? <p>{t.notRelated}</p> : (
        <>
          <ul data-testid="related-paths">
            {finding.paths.map((path) => <li key={path.join('/')} class="path">{pathText(path, finding.parties, i18n)}</li>)}
          </ul>
          <RelationsGraph nodes={[...nodes.values()]} edges={edges} label={finding.paths.map((p) => pathText(p, finding.parties, i18n)).join('; ')} height={220} />
        </>
      )}
    </section>
  );
}

function Payments({ sale, project }: { sale: SaleView; project: Project }) {
  const { t, e, lang } = useI18n();
  const entries = [...sale.payments].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  let running = 0;
  const cumulative = entries.map((entry) => {
    running = Math.round((running + Number(entry.amount)) * 100) / 100; // chart coordinates only; the figures shown are the API's strings
    return [entry.receivedOn, running];
  });
  const start: [string, number] = [sale.contractDate, 0];
  const due = sale.deposit?.dueDate;
  const option = {
    grid: { left: 90, right: 30, top: 30, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: project.currency, max: (extent: { max: number }) => Math.max(extent.max, Number(sale.deposit?.requiredDeposit ?? 0) * 1.15) || 1 },
    series: [
      {
        type: 'line', step: 'end', name: t.cumulativePaid, data: [start, ...cumulative, ...(due && due > (cumulative.at(-1)?.[0] ?? '') ? [[due, running]] : [])],
        markLine: {
          symbol: 'none',
          data: [
            ...(due ? [{ xAxis: due, name: t.depositDue, label: { formatter: `${t.depositDue} ${due}`, position: 'insideEndTop' }, lineStyle: { color: '#a4161a', type: 'dashed' } }] : []),
            ...(sale.deposit ? [{ yAxis: Number(sale.deposit.requiredDeposit), name: t.depositRequired, label: { formatter: t.depositRequired, position: 'insideStartTop' } }] : []),
          ],
        },
      },
    ],
  };
  return (
    <section class="panel" aria-labelledby="h-payments">
      <h2 id="h-payments">{t.paymentsTimeline}</h2>
      {sale.deposit && (
        <p>{t.depositDue}: <strong>{sale.deposit.dueDate}</strong> · {t.depositRequired}: <strong>{money(sale.deposit.requiredDeposit, project.currency, lang)}</strong>
          {' '}({percent(sale.deposit.minDepositPct, lang)}) · {t.paid}: <strong>{money(sale.deposit.paidByDueDate, project.currency, lang)}</strong></p>
      )}
      <Chart option={option} label={t.paymentsTimeline} height={200} />
      {entries.length === 0 ? <p class="problem">{t.noPayments}</p> : (
        <table>
          <thead><tr><th scope="col">{t.receivedOn}</th><th scope="col">{t.kind}</th><th scope="col" class="num">{t.amount}</th><th scope="col">{t.reference}</th></tr></thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.receivedOn}</td><td>{e('paymentKind', entry.kind)}</td>
                <td class="num">{money(entry.amount, project.currency, lang)}</td><td>{entry.reference ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MarketEvidence({ sale, project }: { sale: SaleView; project: Project }) {
  const { t, e, lang } = useI18n();
  const market = sale.market;
  const comparables = (market?.basis.comparables as Comparable[] | undefined) ?? [];
  const excluded = (market?.basis.excluded as Excluded[] | undefined) ?? [];
  return (
    <section class="panel" aria-labelledby="h-market">
      <h2 id="h-market">{t.marketEvidence}</h2>
      {!market ? <p>{t.none}</p> : (
        <>
          <Facts rows={[
            [t.method, e('method', market.method)],
            [t.pricePerSqm, money(market.pricePerSqm, project.currency, lang)],
          ]} />
          {market.method !== 'COMPARABLE_SALES' ? (
            <>
              <p class="help">{t.noComparables}</p>
              <EvidenceTable evidence={market.basis} caption={t.marketEvidence} labels={t} />
            </>
          ) : (
            <div class="grid2">
              <div>
                <h3>{t.comparablesUsed}</h3>
                <table>
                  <thead><tr><th scope="col">{t.unit}</th><th scope="col">{t.contractDate}</th><th scope="col" class="num">{t.area}</th><th scope="col" class="num">{t.netPrice}</th><th scope="col" class="num">{t.pricePerSqm}</th></tr></thead>
                  <tbody>
                    {comparables.map((c) => (
                      <tr key={c.saleId}><td>{c.unitNo}</td><td>{c.contractDate}</td><td class="num">{decimal(c.saleableArea, lang)}</td>
                        <td class="num">{money(c.netPrice, project.currency, lang)}</td><td class="num">{money(c.pricePerSqm, project.currency, lang)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div>
                <h3>{t.comparablesLeftOut}</h3>
                {excluded.length === 0 ? <p>{t.none}</p> : (
                  <table>
                    <thead><tr><th scope="col">{t.unit}</th><th scope="col">{t.reason}</th></tr></thead>
                    <tbody>{excluded.map((x) => <tr key={x.saleId}><td>{x.unitNo}</td><td>{e('exclusion', x.reason)}</td></tr>)}</tbody>
                  </table>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
