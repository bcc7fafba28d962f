import type { HotspotsResponse } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { CellValue, useSuppressionText } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { useFormat } from '../../i18n/format.js';
import { rankValue } from '../../lib/cells.js';
import { toCsv } from '../../lib/csv.js';

const TOP = 5;

/** The zone-hours with the highest rate; suppressed cells cannot be ranked and are counted instead. */
export function TopHotspots({ hotspots }: { hotspots: HotspotsResponse }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reason = useSuppressionText();
  const { k } = hotspots.privacy;
  const top = hotspots.cells
    .filter((c) => !c.rate.suppressed)
    .sort((a, b) => rankValue(b.rate) - rankValue(a.rate))
    .slice(0, TOP);
  const suppressedCount = hotspots.cells.filter((c) => c.rate.suppressed).length;
  const slotLabel = (slot: number) =>
    hotspots.by === 'hour' ? format.hourOfDay(slot) : format.weekday(slot);
  const csv = () =>
    toCsv(
      ['zone', hotspots.by, 'rate_per_worker_hour', 'count', 'worker_hours'],
      top.map((c) => [c.zoneId, c.slot, c.rate, c.count, c.workerHours]),
    );
  return (
    <>
      <ol className="hotspots">
        {top.map((c) => (
          <li key={`${c.zoneId}/${c.slot}`}>
            <span className="hotspot-place">
              {c.zoneId} · {slotLabel(c.slot)}
            </span>
            <span className="hotspot-rate">
              <CellValue cell={c.rate} k={k} format={format.rate} /> {t('units.perWorkerHour')}
            </span>
          </li>
        ))}
      </ol>
      {suppressedCount > 0 && (
        <p className="hint">
          <span className="suppressed">
            ⊘ {suppressedCount} × {t('suppressed.short')}
          </span>{' '}
          ({reason('below_k', k)})
        </p>
      )}
      <CsvButton fileName={`haltung-hotspots-${hotspots.siteId}.csv`} build={csv} />
    </>
  );
}
