import type { RangeQuery } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { HazardTrendChart } from '../../components/hazard-trend-chart.js';
import { QueryState } from '../../components/query-state.js';
import { INTERVAL_SECONDS, type Period } from '../../lib/period.js';
import { useHotspots, useSummary, useTrends } from '../../lib/queries.js';
import { PeriodComparison } from './period-comparison.js';
import { TopHotspots } from './top-hotspots.js';

interface OverviewProps {
  range: RangeQuery;
  period: Period;
}

/** What a safety officer opens every morning: trends, the change on last period, the hot spots. */
export function OverviewView({ range, period }: OverviewProps) {
  const { t } = useTranslation();
  const trends = useTrends({ ...range, intervalSeconds: INTERVAL_SECONDS[period] });
  const summary = useSummary(range);
  const hotspots = useHotspots({ ...range, by: 'hour' });
  return (
    <div className="view overview">
      <h2>{t('overview.title')}</h2>
      <section className="card" aria-labelledby="overview-trend">
        <h3 id="overview-trend">{t('overview.trendTitle')}</h3>
        <p className="hint">{t('overview.trendHint')}</p>
        <QueryState query={trends} isEmpty={(d) => d.series.every((s) => s.points.length === 0)}>
          {(data) => (
            <HazardTrendChart
              trends={data}
              label={t('overview.trendTitle')}
              fileName={`haltung-trends-${range.site}.csv`}
            />
          )}
        </QueryState>
      </section>
      <div className="stack">
        <section className="card" aria-labelledby="overview-compare">
          <h3 id="overview-compare">{t('overview.compareTitle')}</h3>
          <QueryState query={summary} isEmpty={(d) => d.zones.every((z) => z.hazards.length === 0)}>
            {(data) => <PeriodComparison summary={data} />}
          </QueryState>
        </section>
        <section className="card" aria-labelledby="overview-hotspots">
          <h3 id="overview-hotspots">{t('overview.hotspotsTitle')}</h3>
          <p className="hint">{t('overview.hotspotsHint')}</p>
          <QueryState query={hotspots} isEmpty={(d) => d.cells.length === 0}>
            {(data) => <TopHotspots hotspots={data} />}
          </QueryState>
        </section>
      </div>
    </div>
  );
}
