import type { RangeQuery } from '@haltung/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import type { Period } from '../../lib/period.js';
import { useHotspots } from '../../lib/queries.js';
import { Heatmap } from './heatmap.js';
import { ZoneDetail } from './zone-detail.js';

interface ZonesProps {
  range: RangeQuery;
  period: Period;
  /** Zones of the site, so a zone with no data still gets its row. */
  zones: string[];
}

export function ZonesView({ range, period, zones }: ZonesProps) {
  const { t } = useTranslation();
  const [by, setBy] = useState<'hour' | 'weekday'>('hour');
  const [zone, setZone] = useState<string | null>(null);
  const hotspots = useHotspots({ ...range, by });
  const byLabel = by === 'hour' ? t('zones.byHour') : t('zones.byWeekday');
  return (
    <div className="view zones">
      <h2>{t('zones.title')}</h2>
      <section className="card" aria-labelledby="zones-heatmap">
        <div className="section-head">
          <h3 id="zones-heatmap">{t('zones.heatmapTitle', { by: byLabel })}</h3>
          <fieldset className="toggle">
            <legend className="visually-hidden">{t('zones.heatmapTitle', { by: '' })}</legend>
            {(['hour', 'weekday'] as const).map((b) => (
              <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)}>
                {b === 'hour' ? t('zones.byHour') : t('zones.byWeekday')}
              </button>
            ))}
          </fieldset>
        </div>
        <QueryState query={hotspots} isEmpty={(d) => d.cells.length === 0}>
          {(data) => <Heatmap hotspots={data} zones={zones} selected={zone} onSelect={setZone} />}
        </QueryState>
      </section>
      {zone && (
        <ZoneDetail key={zone} range={{ ...range, zone }} period={period} onClose={() => setZone(null)} />
      )}
    </div>
  );
}
