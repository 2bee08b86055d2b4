import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, Page, Party, Relation } from '../api';
import { Facts } from '../components/Facts';
import { RelationsGraph } from '../components/Graph';
import { Loading, Problem, SeverityBadge } from '../components/Status';
import { money } from '../format';
import { useLoad, useProjects } from '../hooks';
import { useI18n } from '../i18n';
import { pathText } from './FlagPage';

interface PartySale { id: string; projectId: string; unitNo: string; contractDate: string; netPrice: string; outstanding: string; status: string }

interface PartyDetail extends Party {
  address: string | null;
  relatedParty: { isRelated: boolean; paths: string[][] };
  flags?: Array<{ id: string; saleId: string; type: string; severity: string; status: string }>;
}

export function PartiesPage() {
  const { t, e } = useI18n();
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const parties = useLoad(() => api.get<Page<Party>>('/api/parties', { name: query || undefined, limit: 100 }), [query]);
  return (
    <>
      <h1>{t.partiesTitle}</h1>
      <form class="filters panel" onSubmit={(event) => { event.preventDefault(); setQuery(name.trim()); }}>
        <div class="field">
          <label for="party-name">{t.name}</label>
          <input id="party-name" value={name} onInput={(ev) => setName(ev.currentTarget.value)} />
        </div>
        <button type="submit">{t.search}</button>
      </form>
      <Problem error={parties.error} />
      <table>
        <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.kind}</th><th scope="col">{t.insiderRole}</th><th scope="col">{t.isRelated}</th></tr></thead>
        <tbody>
          {(parties.data?.items ?? []).map((party) => (
            <tr key={party.id}>
              <td><Link href={`/parties/${party.id}`}>{party.name}</Link></td><td>{e('partyKind', party.kind)}</td>
              <td>{party.insiderRole ?? ''}</td><td>{party.relatedParty?.isRelated ? t.yes : t.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PartyPage({ params }: { params: { id: string } }) {
  const i18n = useI18n();
  const { t, e, lang } = i18n;
  const party = useLoad(() => api.get<PartyDetail>(`/api/parties/${params.id}`), [params.id]);
  const relations = useLoad(() => api.get<Page<Relation>>(`/api/parties/${params.id}/relations`, { limit: 1000 }), [params.id]);
  const sales = useLoad(() => api.get<Page<PartySale>>('/api/sales', { buyerPartyId: params.id, limit: 1000 }), [params.id]);
  const projects = useProjects();
  // The parties named on the paths and relations, fetched by id (the party view carries ids only).
  const others = [...new Set([
    ...(party.data?.relatedParty.paths ?? []).flatMap((path) => path.filter((_, i) => i % 2 === 0)),
    ...(relations.data?.items ?? []).flatMap((r) => [r.partyId, r.relatedPartyId]),
  ])].filter((id) => id !== params.id).sort();
  // The loaded names carry the ids they were asked for: until the answer for the current ids is in, the page waits
  // (an earlier answer, for fewer ids, would show ids in place of names).
  const othersKey = others.join(',');
  const named = useLoad(async () => ({
    key: othersKey,
    parties: new Map((await Promise.all(others.map((id) => api.get<Party>(`/api/parties/${id}`)))).map((x) => [x.id, x])),
  }), [othersKey]);
  const failed = party.error ?? relations.error ?? named.error;
  if (failed) return <Problem error={failed} />;
  if (!party.data || !relations.data || named.data?.key !== othersKey) return <Loading />;
  const p = party.data;
  const names = named.data.parties;
  const pathParties = Object.fromEntries([p, ...names.values()].map((x) => [x.id, { name: x.name, insiderRole: x.insiderRole }]));
  const nameOf = (id: string) => pathParties[id]?.name ?? id;
  const nodes = [p, ...names.values()].map((x) => ({ id: x.id, name: x.name, note: x.insiderRole, emphasis: x.id === p.id }));
  const edges = relations.data.items.map((r) => ({ from: r.partyId, to: r.relatedPartyId, label: e('relationship', r.relationship) }));
  return (
    <>
      <p><Link href="/parties">← {t.partiesTitle}</Link></p>
      <h1>{p.name}</h1>
      <section class="panel">
        <Facts rows={[
          [t.kind, e('partyKind', p.kind)], [t.insiderRole, p.insiderRole ?? '—'], [t.idNumber, p.idNumber ?? '—'], [t.phone, p.phone ?? '—'],
          [t.isRelated, p.relatedParty.isRelated ? t.yes : t.no],
        ]} />
        {p.relatedParty.paths.length > 0 && (
          <ul data-testid="related-paths">{p.relatedParty.paths.map((path) => <li key={path.join('/')} class="path">{pathText(path, pathParties, i18n)}</li>)}</ul>
        )}
      </section>
      <div class="grid2">
        <section class="panel" aria-labelledby="h-graph">
          <h2 id="h-graph">{t.relationsGraph}</h2>
          {edges.length === 0 ? <p>{t.none}</p> : <RelationsGraph nodes={nodes} edges={edges} label={`${t.relationsGraph}: ${p.name}`} height={300} />}
        </section>
        <section class="panel" aria-labelledby="h-relations">
          <h2 id="h-relations">{t.relations}</h2>
          <table>
            <thead><tr><th scope="col">{t.party}</th><th scope="col">{t.relationship}</th><th scope="col">{t.relatedTo}</th><th scope="col">{t.note}</th></tr></thead>
            <tbody>
              {relations.data.items.map((r) => (
                <tr key={`${r.partyId}-${r.relatedPartyId}-${r.relationship}`}>
                  <td><Link href={`/parties/${r.partyId}`}>{nameOf(r.partyId)}</Link></td><td>{e('relationship', r.relationship)}</td>
                  <td><Link href={`/parties/${r.relatedPartyId}`}>{nameOf(r.relatedPartyId)}</Link></td><td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <p />
      <section class="panel" aria-labelledby="h-sales">
        <h2 id="h-sales">{t.partySales}</h2>
        {(sales.data?.items ?? []).length === 0 ? <p>{t.none}</p> : (
          <table>
            <thead><tr>
              <th scope="col">{t.project}</th><th scope="col">{t.unit}</th><th scope="col">{t.contractDate}</th><th scope="col" class="num">{t.netPrice}</th>
              <th scope="col" class="num">{t.outstanding}</th><th scope="col">{t.status}</th><th scope="col">{t.flag}</th>
            </tr></thead>
            <tbody>
              {sales.data!.items.map((sale) => {
                const project = projects.find((x) => x.id === sale.projectId);
                const currency = project?.currency ?? 'CNY';
                return (
                  <tr key={sale.id}>
                    <td>{project?.code ?? ''}</td><td>{sale.unitNo}</td><td>{sale.contractDate}</td>
                    <td class="num">{money(sale.netPrice, currency, lang)}</td><td class="num">{money(sale.outstanding, currency, lang)}</td>
                    <td>{e('status', sale.status)}</td>
                    <td>{(p.flags ?? []).filter((flag) => flag.saleId === sale.id).map((flag) => (
                      <span key={flag.id}><Link href={`/flags/${flag.id}`}><SeverityBadge severity={flag.severity} /> {e('type', flag.type)}</Link> · {e('status', flag.status)}<br /></span>
                    ))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
