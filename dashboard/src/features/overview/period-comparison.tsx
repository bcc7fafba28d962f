import type { PeriodSummaryResponse } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { CellValue } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { useFormat } from '../../i18n/format.js';
import { toCsv } from '../../lib/csv.js';
import { comparisonRows, relativeChange } from './comparison-rows.js';

/** Rate per zone and hazard this period against the previous one, highest first. */
export function PeriodComparison({ summary }: { summary: PeriodSummaryResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { k } = summary.privacy;
  const { rows, suppressedZones, quietCount } = comparisonRows(summary);
  // The export holds every row, including the condensed ones.
  const csv = () =>
    toCsv(
      ['zone', 'hazard', 'rate_per_worker_hour', 'previous_rate_per_worker_hour', 'count'],
      summary.zones.flatMap((z) =>
        z.hazards.map((h) => [z.zoneId, h.hazard, h.rate, h.previousRate, h.count]),
      ),
    );
  return (
    <>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('overview.zone')}</th>
              <th scope="col">{t('overview.hazard')}</th>
              <th scope="col">
                {t('overview.rate')} <span className="unit">({t('units.perWorkerHour')})</span>
              </th>
              <th scope="col">{t('overview.previous')}</th>
              <th scope="col">{t('overview.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const change = relativeChange(r.rate, r.previousRate);
              return (
                <tr key={`${r.zoneId}/${r.hazard}`}>
                  <th scope="row">{r.zoneId}</th>
                  <td>{t(`hazards.${r.hazard}`)}</td>
                  <td>
                    <CellValue cell={r.rate} k={k} format={format.rate} />
                  </td>
                  <td>
                    <CellValue cell={r.previousRate} k={k} format={format.rate} />
                  </td>
                  <td className={change === null ? 'muted' : change > 0 ? 'worse' : 'better'}>
                    {change === null ? t('overview.noComparison') : format.change(change)}
                  </td>
                </tr>
              );
            })}
            {suppressedZones.map((z) => (
              <tr key={z.zoneId}>
                <th scope="row">{z.zoneId}</th>
                <td>{t('overview.allHazards')}</td>
                <td colSpan={3}>
                  <CellValue cell={{ suppressed: true, reason: z.reason }} k={k} format={format.rate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {quietCount > 0 && <p className="hint">{t('overview.quietRows', { count: quietCount })}</p>}
      <CsvButton fileName={`haltung-period-${summary.siteId}.csv`} build={csv} />
    </>
  );
}
