import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, Page, Project } from '../api';
import { Loading, Problem } from '../components/Status';
import { dateTime, money } from '../format';
import { useLoad } from '../hooks';
import { Lang, useI18n } from '../i18n';
import { canGenerateReports, useMe } from '../me';

interface ReportItem {
  id: string; asOf: string; generatedAt: string; generatedBy: { id: string; name: string }; sha256: string;
  summary: { contractValue?: string; cashReceived?: string; receivables?: string; openFlagsTotal?: number } | null;
}

const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

export function ReportsPage({ params }: { params: { id: string } }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const project = useLoad(() => api.get<Project>(`/api/projects/${params.id}`), [params.id]);
  const reports = useLoad(() => api.get<Page<ReportItem>>(`/api/projects/${params.id}/liquidation-reports`, { limit: 100 }), [params.id]);
  const [asOf, setAsOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (project.error) return <Problem error={project.error} />;
  if (!project.data) return <Loading />;
  const p = project.data;
  const generate = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await api.post(`/api/projects/${p.id}/liquidation-reports`, { asOf });
      setMessage({ ok: true, text: t.reportGenerated });
      reports.reload();
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const download = (report: ReportItem, format: string, language: Lang) =>
    api.download(`/api/projects/${p.id}/liquidation-reports/${report.id}?format=${format}&lang=${language}`, `liquidation-report-${p.code}-${report.asOf}-${language}.${format}`)
      .catch((error: Error) => setMessage({ ok: false, text: error.message }));
  return (
    <>
      <p><Link href={`/projects/${p.id}`}>← {p.code} · {p.name}</Link></p>
      <h1>{t.reportsTitle} · {p.code}</h1>
      {canGenerateReports(me) && (
        <form class="filters panel" onSubmit={generate} aria-label={t.generate}>
          <div class="field">
            <label for="report-as-of">{t.asOf}</label>
            <input id="report-as-of" type="date" required value={asOf} onInput={(ev) => setAsOf(ev.currentTarget.value)} />
          </div>
          <button type="submit" class="primary" disabled={busy}>{busy ? t.generating : t.generate}</button>
        </form>
      )}
      {message && <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'ok' : 'problem'}>{message.text}</p>}
      <Problem error={reports.error} />
      {reports.data && reports.data.items.length === 0 && <p>{t.noReports}</p>}
      {reports.data && reports.data.items.length > 0 && (
        <table data-testid="reports">
          <thead><tr>
            <th scope="col">{t.asOf}</th><th scope="col">{t.generatedAt}</th><th scope="col">{t.generatedBy}</th>
            <th scope="col" class="num">{t.receivables}</th><th scope="col">{t.download}</th>
          </tr></thead>
          <tbody>
            {reports.data.items.map((report) => (
              <tr key={report.id}>
                <td>{report.asOf}</td><td>{dateTime(report.generatedAt, p.timeZone, lang)}</td><td>{report.generatedBy.name}</td>
                <td class="num">{money(report.summary?.receivables ?? null, p.currency, lang)}</td>
                <td>
                  {(['en', 'zh'] as const).map((language) => (
                    <span key={language} class="downloads">
                      {language === 'en' ? t.english : t.chinese}:{' '}
                      {FORMATS.map((format) => (
                        <button key={format} type="button" onClick={() => download(report, format, language)}
                          aria-label={`${t.download} ${format.toUpperCase()} ${language === 'en' ? t.english : t.chinese} ${report.asOf}`}>
                          {format.toUpperCase()}
                        </button>
                      ))}{' '}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
