import type { Cell, PeriodSummaryResponse } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { CellValue } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { useFormat } from '../../i18n/format.js';
import { rankValue } from '../../lib/cells.js';
import { toCsv } from '../../lib/csv.js';

/** Relative change from the previous period, or null when either side is hidden or zero. */
export function relativeChange(rate: Cell, previous: Cell): number | null {
  if (rate.suppressed || previous.suppressed || previous.value === 0) return null;
  return rate.value / previous.value - 1;
}

/** Rate per zone and hazard this period against the previous one, highest first. */
export function PeriodComparison({ summary }: { summary: PeriodSummaryResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { k } = summary.privacy;
  const rows = summary.zones
    .flatMap((z) => z.hazards.map((h) => ({ zoneId: z.zoneId, ...h })))
    .sort((a, b) => rankValue(b.rate) - rankValue(a.rate));
  const csv = () =>
    toCsv(
      ['zone', 'hazard', 'rate_per_worker_hour', 'previous_rate_per_worker_hour', 'count'],
      rows.map((r) => [r.zoneId, r.hazard, r.rate, r.previousRate, r.count]),
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
          </tbody>
        </table>
      </div>
      <CsvButton fileName={`haltung-period-${summary.siteId}.csv`} build={csv} />
    </>
  );
}
