import type { Cell, TrendsResponse } from '@haltung/protocol';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { seriesByHazard } from '../features/overview/series-by-hazard.js';
import { toCsv } from '../lib/csv.js';
import { useSuppressionText } from './cell-value.js';
import { hazardColour, hazardDash } from './chart-palette.js';
import { CsvButton } from './csv-button.js';
import { type ChartSeries, TimeChart } from './time-chart.js';

// A hazard with no warnings at all would be a flat line on 0 hiding the others: named instead.
const quiet = (cells: (Cell | null)[]) => cells.every((c) => c === null || (!c.suppressed && c.value === 0));

/** Rates per worker-hour over time, one line per hazard type, with CSV export of the same. */
export function HazardTrendChart({
  trends,
  label,
  fileName,
}: {
  trends: TrendsResponse;
  label: string;
  fileName: string;
}) {
  const { t } = useTranslation();
  const reason = useSuppressionText();
  const { xs, series: allSeries, excluded } = useMemo(() => seriesByHazard(trends), [trends]);
  const series = useMemo(() => allSeries.filter((s) => !quiet(s.cells)), [allSeries]);
  const quietHazards = allSeries.filter((s) => quiet(s.cells)).map((s) => t(`hazards.${s.hazard}`));
  const chartSeries: ChartSeries[] = useMemo(
    () =>
      series.map((s) => ({
        key: s.hazard,
        label: t(`hazards.${s.hazard}`),
        colour: hazardColour(s.hazard),
        dash: hazardDash(s.hazard),
        cells: s.cells,
      })),
    // t changes with the language, so the labels follow it.
    [series, t],
  );
  const csv = () =>
    toCsv(
      ['time_utc', ...allSeries.map((s) => `${s.hazard}_rate_per_worker_hour`)],
      xs.map((x, i) => [new Date(x).toISOString(), ...allSeries.map((s) => s.cells[i])]),
    );
  return (
    <>
      <TimeChart label={label} xs={xs} series={chartSeries} k={trends.privacy.k} />
      {quietHazards.length > 0 && (
        <p className="hint">{t('overview.noWarnings', { hazards: quietHazards.join(', ') })}</p>
      )}
      {excluded.length > 0 && (
        <p className="hint excluded-zones">
          {t('overview.excludedZones', {
            zones: excluded.map((e) => `${e.zoneId} (${reason(e.reason, trends.privacy.k)})`).join(', '),
          })}
        </p>
      )}
      <CsvButton fileName={fileName} build={csv} />
    </>
  );
}
