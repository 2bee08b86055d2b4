import { Link } from 'wouter-preact';
import { api, FlagPage, Page, Project } from '../api';
import { Chart } from '../components/Chart';
import { Facts } from '../components/Facts';
import { Loading, Problem, SeverityBadge } from '../components/Status';
import { money, percent } from '../format';
import { useLoad, useProjects } from '../hooks';
import { useI18n } from '../i18n';

interface UnitTypeAverages { unitType: string; unitCount: number; averageListPricePerSqm: string; averageNetPricePerSqm: string }
interface PriceList { id: string; batchNo: string; issuedOn: string; byUnitType: UnitTypeAverages[] }
interface MarketPrice { id: string; asOf: string; pricePerSqm: string; scope: string; unitType: string | null; unitNo: string | null; source: string }
interface OverviewSale {
  saleId: string; unitNo: string; unitType: string; contractDate: string; netPricePerSqm: string; marketPricePerSqm: string | null;
  netPrice: string; outstanding: string; flagged: boolean; flagTypes: string[];
}
interface Overview { asOf: string; sales: OverviewSale[]; receivablesAging: Array<{ bucket: string; sales: number; outstanding: string }> }

/** Chart coordinates are floats; every figure shown as text is the API's decimal string. */
const coordinate = (value: string) => Number(value);

export function ProjectsPage() {
  const { t } = useI18n();
  const projects = useProjects();
  return (
    <>
      <h1>{t.projects}</h1>
      <table>
        <thead><tr><th scope="col">{t.code}</th><th scope="col">{t.name}</th><th scope="col">{t.city}</th><th scope="col">{t.currency}</th><th scope="col">{t.timeZone}</th><th scope="col">{t.reports}</th></tr></thead>
        <tbody>
          {projects.map((project) => (
            <tr key={project.id}>
              <td><Link href={`/projects/${project.id}`}>{project.code}</Link></td><td>{project.name}</td><td>{project.city ?? ''}</td>
              <td>{project.currency}</td><td>{project.timeZone}</td><td><Link href={`/projects/${project.id}/reports`}>{t.reports}<span class="visually-hidden"> {project.code}</span></Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface BatchRow {
  batchNo: string; issuedOn: string; unitType: string; averageListPricePerSqm: string; averageNetPricePerSqm: string;
  earlier: { batchNo: string; averageNetPricePerSqm: string; gapPct: string } | null;
}

/** Each batch's averages per unit type, each compared with the latest earlier batch that priced the same type. */
export function batchRows(priceLists: PriceList[]): BatchRow[] {
  const ordered = [...priceLists].sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.batchNo.localeCompare(b.batchNo));
  const latestByType = new Map<string, { batchNo: string; averageNetPricePerSqm: string }>();
  const rows: BatchRow[] = [];
  for (const list of ordered) {
    for (const averages of list.byUnitType) {
      const previous = latestByType.get(averages.unitType) ?? null;
      const gap = previous ? (coordinate(averages.averageNetPricePerSqm) / coordinate(previous.averageNetPricePerSqm) - 1) * 100 : null;
      rows.push({
        batchNo: list.batchNo, issuedOn: list.issuedOn, unitType: averages.unitType,
        averageListPricePerSqm: averages.averageListPricePerSqm, averageNetPricePerSqm: averages.averageNetPricePerSqm,
        earlier: previous && gap !== null ? { ...previous, gapPct: gap.toFixed(2) } : null,
      });
      latestByType.set(averages.unitType, { batchNo: list.batchNo, averageNetPricePerSqm: averages.averageNetPricePerSqm });
    }
  }
  return rows.sort((a, b) => a.unitType.localeCompare(b.unitType) || a.issuedOn.localeCompare(b.issuedOn));
}

function extendedTo(lastDate: string, points: Array<[string, number]>): Array<[string, number] | { value: [string, number]; symbol: string }> {
  const last = points.at(-1);
  return last && last[0] < lastDate ? [...points, { value: [lastDate, last[1]], symbol: 'none' }] : points;
}

export function ProjectPage({ params }: { params: { id: string } }) {
  const { t, e, lang } = useI18n();
  const project = useLoad(() => api.get<Project>(`/api/projects/${params.id}`), [params.id]);
  const priceLists = useLoad(() => api.get<Page<PriceList>>(`/api/projects/${params.id}/price-lists`, { limit: 1000 }), [params.id]);
  const market = useLoad(() => api.get<Page<MarketPrice>>(`/api/projects/${params.id}/market-prices`, { limit: 1000 }), [params.id]);
  const overview = useLoad(() => api.get<Overview>(`/api/projects/${params.id}/overview`), [params.id]);
  const batchFlags = useLoad(
    () => api.get<FlagPage>('/api/audit-flags', { projectId: params.id, type: 'PRICE_BELOW_EARLIER_BATCH', limit: 1000 }),
    [params.id],
  );
  const error = project.error ?? priceLists.error ?? market.error ?? overview.error;
  if (error) return <Problem error={error} />;
  if (!project.data || !priceLists.data || !market.data || !overview.data) return <Loading />;
  const p = project.data;
  const rows = batchRows(priceLists.data.items);
  const sales = overview.data.sales;
  const flagOf = (row: BatchRow) => batchFlags.data?.items.find((flag) => flag.batchNo === row.batchNo && flag.unitType === row.unitType);
  const unitTypes = [...new Set(rows.map((row) => row.unitType))];

  // Evidence holds from its date until the next: each line is drawn on to the chart's last date.
  const lastDate = [...sales.map((x) => x.contractDate), ...rows.map((row) => row.issuedOn), ...market.data.items.map((m) => m.asOf)].sort().at(-1) ?? '';
  const evidenceSeries = (['PROJECT', 'UNIT_TYPE'] as const).flatMap((scope) => {
    const points = market.data!.items.filter((m) => m.scope === scope);
    const groups = scope === 'PROJECT' ? [['', points] as const] : [...new Set(points.map((m) => m.unitType ?? ''))].map((type) => [type, points.filter((m) => m.unitType === type)] as const);
    return groups.filter(([, group]) => group.length > 0).map(([type, group]) => ({
      type: 'line', step: 'end', name: `${t.marketEvidencePoints}${type ? ` · ${type}` : ''}`, symbol: 'diamond', symbolSize: 9,
      lineStyle: { type: 'dashed' },
      data: extendedTo(lastDate, [...group].sort((a, b) => a.asOf.localeCompare(b.asOf)).map((m) => [m.asOf, coordinate(m.pricePerSqm)] as [string, number])),
    }));
  });
  const timeOption = {
    grid: { left: 80, right: 30, top: 60, bottom: 50 },
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'time', name: '' },
    yAxis: { type: 'value', name: `${p.currency} / m²`, scale: true },
    dataZoom: [{ type: 'inside' }],
    series: [
      ...unitTypes.map((unitType) => ({
        type: 'line', name: `${t.batch} · ${unitType}`, symbolSize: 14, lineStyle: { width: 3 },
        label: { show: true, formatter: (item: { data: [string, number, string] }) => item.data[2], position: 'top', fontWeight: 'bold' },
        data: rows.filter((row) => row.unitType === unitType).map((row) => [row.issuedOn, coordinate(row.averageNetPricePerSqm), row.batchNo]),
      })),
      {
        type: 'scatter', name: t.sales, symbolSize: 6, itemStyle: { color: '#7b8794', opacity: 0.7 },
        data: sales.filter((s) => !s.flagged).map((s) => [s.contractDate, coordinate(s.netPricePerSqm), s.unitNo]),
      },
      {
        type: 'scatter', name: `${t.sales} · ${t.flagged}`, symbol: 'triangle', symbolSize: 10, itemStyle: { color: '#a4161a' },
        data: sales.filter((s) => s.flagged).map((s) => [s.contractDate, coordinate(s.netPricePerSqm), s.unitNo]),
      },
      ...evidenceSeries,
    ],
  };
  const withMarket = sales.filter((s) => s.marketPricePerSqm !== null);
  const values = withMarket.flatMap((s) => [coordinate(s.netPricePerSqm), coordinate(s.marketPricePerSqm!)]);
  const low = values.length ? Math.min(...values) : 0;
  const high = values.length ? Math.max(...values) : 1;
  const scatterOption = {
    grid: { left: 80, right: 30, top: 40, bottom: 50 },
    tooltip: { trigger: 'item', formatter: (item: { data: [number, number, string] }) => `${item.data[2]}: ${item.data[1]} / ${item.data[0]}` },
    legend: { top: 0 },
    xAxis: { type: 'value', name: t.marketPrice, scale: true, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: t.netPrice, scale: true },
    series: [
      { type: 'scatter', name: t.notFlagged, symbolSize: 7, itemStyle: { color: '#2f5d8a' }, data: withMarket.filter((s) => !s.flagged).map((s) => [coordinate(s.marketPricePerSqm!), coordinate(s.netPricePerSqm), s.unitNo]) },
      { type: 'scatter', name: t.flagged, symbol: 'triangle', symbolSize: 11, itemStyle: { color: '#a4161a' }, data: withMarket.filter((s) => s.flagged).map((s) => [coordinate(s.marketPricePerSqm!), coordinate(s.netPricePerSqm), s.unitNo]) },
      { type: 'line', name: t.parity, symbol: 'none', lineStyle: { type: 'dotted', color: '#555' }, data: [[low, low], [high, high]] },
    ],
  };
  const aging = overview.data.receivablesAging;
  const agingOption = {
    grid: { left: 100, right: 40, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: aging.map((b) => b.bucket), name: t.bucket },
    yAxis: { type: 'value', name: p.currency },
    series: [{ type: 'bar', name: t.outstanding, data: aging.map((b) => coordinate(b.outstanding)), itemStyle: { color: '#1f4e79' } }],
  };
  return (
    <>
      <h1>{p.code} · {p.name}</h1>
      <section class="panel">
        <Facts rows={[[t.city, p.city ?? '—'], [t.currency, p.currency], [t.timeZone, p.timeZone], [t.sales, String(sales.length)]]} />
        <p><Link href={`/projects/${p.id}/reports`}>{t.reportsTitle}</Link> · <Link href={`/queue?projectId=${p.id}&status=OPEN&sort=-severity`}>{t.navQueue}</Link></p>
      </section>
      <section class="panel" aria-labelledby="h-time">
        <h2 id="h-time">{t.pricePerSqmOverTime}</h2>
        <p class="help">{t.pricePerSqmHelp}</p>
        <Chart option={timeOption} label={t.pricePerSqmOverTime} height={380} testId="price-time-chart" />
        <h3>{t.batchAverages}</h3>
        <table data-testid="batch-averages">
          <thead><tr>
            <th scope="col">{t.unitType}</th><th scope="col">{t.batch}</th><th scope="col">{t.issuedOn}</th>
            <th scope="col" class="num">{t.avgListPerSqm}</th><th scope="col" class="num">{t.avgNetPerSqm}</th><th scope="col">{t.vsEarlier}</th><th scope="col">{t.flag}</th>
          </tr></thead>
          <tbody>
            {rows.map((row) => {
              const flag = flagOf(row);
              return (
                <tr key={`${row.batchNo}-${row.unitType}`} data-batch={row.batchNo} data-unit-type={row.unitType}>
                  <td>{row.unitType}</td><td>{row.batchNo}</td><td>{row.issuedOn}</td>
                  <td class="num">{money(row.averageListPricePerSqm, p.currency, lang)}</td>
                  <td class="num" data-testid="avg-net">{money(row.averageNetPricePerSqm, p.currency, lang)}</td>
                  <td>{row.earlier ? `${Number(row.earlier.gapPct) < 0 ? t.below : t.above} ${row.earlier.batchNo} (${percent(row.earlier.gapPct, lang)})` : '—'}</td>
                  <td>{flag ? <Link href={`/flags/${flag.id}`}><SeverityBadge severity={flag.severity} /> {e('type', flag.type)} · {e('status', flag.status)}</Link> : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <div class="grid2">
        <section class="panel" aria-labelledby="h-scatter">
          <h2 id="h-scatter">{t.salesVsMarket}</h2>
          <p class="help">{t.salesVsMarketHelp}</p>
          {withMarket.length === 0 ? <p>{t.none}</p> : <Chart option={scatterOption} label={t.salesVsMarket} height={340} />}
        </section>
        <section class="panel" aria-labelledby="h-aging">
          <h2 id="h-aging">{t.receivablesAging}</h2>
          <p class="help">{t.receivablesAgingHelp(overview.data.asOf)}</p>
          <Chart option={agingOption} label={t.receivablesAging} height={220} />
          <table>
            <thead><tr><th scope="col">{t.bucket}</th><th scope="col" class="num">{t.salesCount}</th><th scope="col" class="num">{t.outstanding}</th></tr></thead>
            <tbody>
              {aging.map((b) => <tr key={b.bucket}><td>{b.bucket}</td><td class="num">{b.sales}</td><td class="num">{money(b.outstanding, p.currency, lang)}</td></tr>)}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
