import { useEffect, useMemo, useState } from 'preact/hooks';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter-preact';
import { api, ApiError, Me, session } from './api';
import { I18nContext, Lang, i18nFor, storeLang, storedLang, useI18n } from './i18n';
import { MeContext, useMe as useMeOrThrow } from './me';
import { AuditLogPage } from './pages/AuditLogPage';
import { FlagPage } from './pages/FlagPage';
import { PartiesPage, PartyPage } from './pages/PartyPage';
import { ProjectPage, ProjectsPage } from './pages/ProjectPage';
import { QueuePage } from './pages/QueuePage';
import { ReportsPage } from './pages/ReportsPage';
import { SignIn } from './pages/SignIn';

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang());
  const i18n = useMemo(() => i18nFor(lang, (next) => { storeLang(next); setLangState(next); }), [lang]);
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(session.token() !== null);

  useEffect(() => {
    storeLang(lang);
    if (!session.token()) return;
    api.get<Me>('/api/me').then(setMe, (error) => {
      if (error instanceof ApiError && error.status === 401) session.clear();
    }).finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    document.title = `${i18n.t.appTitle} · ${i18n.t.product}`;
  }, [i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <Router base="/console">
        {checking ? <p class="loading">{i18n.t.loading}</p> : me ? (
          <MeContext.Provider value={me}>
            <Shell onSignOut={() => { session.clear(); setMe(null); }}>
              <Switch>
                <Route path="/queue" component={QueuePage} />
                <Route path="/flags/:id" component={FlagPage} />
                <Route path="/projects" component={ProjectsPage} />
                <Route path="/projects/:id/reports" component={ReportsPage} />
                <Route path="/projects/:id" component={ProjectPage} />
                <Route path="/parties" component={PartiesPage} />
                <Route path="/parties/:id" component={PartyPage} />
                <Route path="/audit-log" component={AuditLogPage} />
                <Route><Redirect to="/queue" /></Route>
              </Switch>
            </Shell>
          </MeContext.Provider>
        ) : (
          <SignIn onSignedIn={setMe} />
        )}
      </Router>
    </I18nContext.Provider>
  );
}

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div class="lang" role="group" aria-label={t.language}>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>English</button>
      <button type="button" aria-pressed={lang === 'zh'} onClick={() => setLang('zh')} lang="zh-CN">中文</button>
    </div>
  );
}

function Shell({ children, onSignOut }: { children: preact.ComponentChildren; onSignOut: () => void }) {
  const { t, e } = useI18n();
  const [location] = useLocation();
  const me = useMeOrThrow();
  const links: Array<[string, string, boolean]> = [
    ['/queue', t.navQueue, true],
    ['/projects', t.navProjects, true],
    ['/parties', t.navParties, true],
    ['/audit-log', t.navAuditLog, me.role === 'auditor' || me.role === 'admin'],
  ];
  return (
    <>
      <a class="skip" href="#main">{t.skipToContent}</a>
      <header class="top">
        <div class="brand">{t.product} · {t.appTitle}</div>
        <nav aria-label={t.mainNav}>
          <ul>
            {links.filter(([, , shown]) => shown).map(([href, label]) => (
              <li key={href}><Link href={href} aria-current={location.startsWith(href) ? 'page' : undefined}>{label}</Link></li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>{t.signedInAs} <strong>{me.name}</strong> ({e('role', me.role)})</span>
          <LanguageSwitch />
          <button type="button" onClick={onSignOut}>{t.signOut}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </>
  );
}
