import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, type Filters } from './components/filter-bar.js';
import { LanguageSwitch } from './components/language-switch.js';
import { QueryState } from './components/query-state.js';
import { LiveView } from './features/live/live-view.js';
import { OverviewView } from './features/overview/overview-view.js';
import { SettingsView } from './features/settings/settings-view.js';
import { SignIn } from './features/sign-in/sign-in.js';
import { TransparencyView } from './features/transparency/transparency-view.js';
import { ZonesView } from './features/zones/zones-view.js';
import { useApi } from './lib/api-context.js';
import { rangeFor } from './lib/period.js';
import { useSites } from './lib/queries.js';
import { useHashView, type View, viewsFor } from './lib/route.js';

export function App() {
  const { t } = useTranslation();
  const { session, signOut } = useApi();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          {session && (
            <>
              <span className="role">{t('app.role', { role: t(`roles.${session.role}`) })}</span>
              <button type="button" onClick={signOut}>
                {t('app.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {session ? <SignedIn views={viewsFor(session.role)} /> : <SignIn />}
    </div>
  );
}

function SignedIn({ views }: { views: View[] }) {
  const { t } = useTranslation();
  const hashView = useHashView();
  // Kept here so the site and period stay when the user moves between views.
  const [filters, setFilters] = useState<Filters | null>(null);
  const view = hashView && views.includes(hashView) ? hashView : (views[0] ?? 'transparency');
  return (
    <>
      <nav aria-label={t('nav.label')} className="app-nav">
        <ul>
          {views.map((v) => (
            <li key={v}>
              <a href={`#/${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`nav.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {view === 'transparency' ? (
          <TransparencyView />
        ) : view === 'settings' ? (
          <SettingsView />
        ) : (
          <SiteViews view={view} filters={filters} onFilters={setFilters} />
        )}
      </main>
    </>
  );
}

/** The views that look at one site's data share the site and period choice. */
interface SiteViewsProps {
  view: 'overview' | 'zones' | 'live';
  filters: Filters | null;
  onFilters: (filters: Filters) => void;
}

function SiteViews({ view, filters, onFilters: setFilters }: SiteViewsProps) {
  const { t } = useTranslation();
  const sites = useSites();
  const [nowMs, setNowMs] = useState(() => Date.now());
  const firstSite = sites.data?.sites[0]?.siteId;
  useEffect(() => {
    if (firstSite && !filters) setFilters({ site: firstSite, period: 'week' });
  }, [firstSite, filters, setFilters]);

  return (
    <QueryState query={sites} isEmpty={(d) => d.sites.length === 0} emptyText={t('states.noSites')}>
      {(data) => {
        if (!filters) return null;
        const site = data.sites.find((s) => s.siteId === filters.site) ?? data.sites[0];
        if (!site) return null;
        const range = { site: site.siteId, ...rangeFor(filters.period, nowMs) };
        return (
          <>
            <FilterBar
              sites={data.sites}
              filters={filters}
              onChange={setFilters}
              onRefresh={() => setNowMs(Date.now())}
              showPeriod={view !== 'live'}
            />
            {view === 'overview' && <OverviewView range={range} period={filters.period} />}
            {view === 'zones' && <ZonesView range={range} period={filters.period} zones={site.zones} />}
            {view === 'live' && <LiveView site={site.siteId} />}
          </>
        );
      }}
    </QueryState>
  );
}
