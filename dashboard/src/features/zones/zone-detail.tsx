import { EXPOSURE_ZONES, type RangeQuery } from '@haltung/protocol';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CellValue } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { HazardTrendChart } from '../../components/hazard-trend-chart.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat } from '../../i18n/format.js';
import { rankValue } from '../../lib/cells.js';
import { toCsv } from '../../lib/csv.js';
import { INTERVAL_SECONDS, type Period } from '../../lib/period.js';
import { useSummary, useTrends } from '../../lib/queries.js';

interface ZoneDetailProps {
  range: RangeQuery & { zone: string };
  period: Period;
  onClose: () => void;
}

/** One zone: its hazard mix against the previous period, time in exposure zones, lifts, trend. */
export function ZoneDetail({ range, period, onClose }: ZoneDetailProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useSummary(range);
  const trends = useTrends({ ...range, intervalSeconds: INTERVAL_SECONDS[period] });
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the detail they opened (remounted per zone).
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="card zone-detail" aria-labelledby="zone-detail-title">
      <div className="section-head">
        <h3 id="zone-detail-title" ref={heading} tabIndex={-1}>
          {t('zones.detailTitle', { zone: range.zone })}
        </h3>
        <button type="button" onClick={onClose}>
          {t('zones.close')}
        </button>
      </div>
      <QueryState query={summary} isEmpty={(d) => !d.zones.some((z) => z.zoneId === range.zone)}>
        {(data) => {
          const zone = data.zones.find((z) => z.zoneId === range.zone);
          if (!zone) return null;
          const { k } = data.privacy;
          const hazards = [...zone.hazards].sort((a, b) => rankValue(b.rate) - rankValue(a.rate));
          const csv = () =>
            toCsv(
              ['zone', 'hazard', 'rate_per_worker_hour', 'previous_rate_per_worker_hour', 'count'],
              hazards.map((h) => [zone.zoneId, h.hazard, h.rate, h.previousRate, h.count]),
            );
          return (
            <div className="two-columns">
              <div>
                <h4>{t('zones.hazardMix')}</h4>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('overview.hazard')}</th>
                      <th scope="col">{t('overview.rate')}</th>
                      <th scope="col">{t('overview.previous')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hazards.map((h) => (
                      <tr key={h.hazard}>
                        <th scope="row">{t(`hazards.${h.hazard}`)}</th>
                        <td>
                          <CellValue cell={h.rate} k={k} format={format.rate} />
                        </td>
                        <td>
                          <CellValue cell={h.previousRate} k={k} format={format.rate} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <CsvButton fileName={`haltung-zone-${zone.zoneId}.csv`} build={csv} />
              </div>
              <div>
                <h4>{t('zones.exposureTitle')}</h4>
                <dl className="facts">
                  {EXPOSURE_ZONES.map((e) => {
                    const cell = zone.exposureShare[e];
                    return cell ? (
                      <div key={e}>
                        <dt>{t(`exposure.${e}`)}</dt>
                        <dd>
                          <CellValue cell={cell} k={k} format={format.percent} />
                        </dd>
                      </div>
                    ) : null;
                  })}
                  <div>
                    <dt>{t('zones.workerHours')}</dt>
                    <dd>
                      <CellValue cell={zone.workerHours} k={k} format={format.hours} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('zones.liftsTotal')}</dt>
                    <dd>
                      <CellValue cell={zone.lifts.total} k={k} format={format.count} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('zones.liftsStooped')}</dt>
                    <dd>
                      <CellValue cell={zone.lifts.stooped} k={k} format={format.count} />
                    </dd>
                  </div>
                </dl>
              </div>
            </div>
          );
        }}
      </QueryState>
      <h4>{t('zones.trendTitle')}</h4>
      <QueryState query={trends} isEmpty={(d) => d.series.every((s) => s.points.length === 0)}>
        {(data) => (
          <HazardTrendChart
            trends={data}
            label={`${t('zones.trendTitle')}: ${range.zone}`}
            fileName={`haltung-trends-${range.site}-${range.zone}.csv`}
          />
        )}
      </QueryState>
    </section>
  );
}
