import type { Cell, HotspotsResponse } from '@haltung/protocol';
import { useTranslation } from 'react-i18next';
import { useSuppressionText } from '../../components/cell-value.js';
import { CsvButton } from '../../components/csv-button.js';
import { useFormat } from '../../i18n/format.js';
import { toCsv } from '../../lib/csv.js';

interface HeatmapProps {
  hotspots: HotspotsResponse;
  zones: string[];
  selected: string | null;
  onSelect: (zone: string) => void;
}

/** Zone × hour (or weekday) table whose cells are shaded by rate; suppressed cells are hatched. */
export function Heatmap({ hotspots, zones, selected, onSelect }: HeatmapProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const reason = useSuppressionText();
  const { k } = hotspots.privacy;
  const slots = Array.from({ length: hotspots.by === 'hour' ? 24 : 7 }, (_, s) => s);
  const rows = [...new Set([...zones, ...hotspots.cells.map((c) => c.zoneId)])];
  const grid = new Map(hotspots.cells.map((c) => [`${c.zoneId}/${c.slot}`, c.rate]));
  const max = Math.max(0, ...hotspots.cells.map((c) => (c.rate.suppressed ? 0 : c.rate.value)));
  const slotLabel = (slot: number) =>
    hotspots.by === 'hour' ? format.hourOfDay(slot) : format.weekday(slot);
  const csv = () =>
    toCsv(
      ['zone', hotspots.by, 'rate_per_worker_hour', 'count', 'worker_hours'],
      hotspots.cells.map((c) => [c.zoneId, c.slot, c.rate, c.count, c.workerHours]),
    );

  const cellView = (cell: Cell | undefined, zone: string, slot: number) => {
    const where = `${zone}, ${slotLabel(slot)}`;
    if (!cell) return <td key={slot} className="heat-none" aria-label={`${where}: –`} />;
    if (cell.suppressed) {
      const why = reason(cell.reason, k);
      return (
        <td
          key={slot}
          className="heat-suppressed"
          title={why}
          aria-label={`${where}: ${t('suppressed.short')} (${why})`}
        >
          <span aria-hidden="true">⊘</span>
        </td>
      );
    }
    const level = max > 0 ? cell.value / max : 0;
    return (
      <td
        key={slot}
        className="heat"
        // Capped so dark text keeps ≥ 4.5:1 contrast on the darkest cell.
        style={{ background: `rgba(190, 60, 20, ${(0.06 + 0.62 * level).toFixed(2)})` }}
        title={`${format.rate(cell.value)} ${t('units.perWorkerHour')}`}
        aria-label={`${where}: ${format.rate(cell.value)} ${t('units.perWorkerHour')}`}
      >
        {format.rate(cell.value)}
      </td>
    );
  };

  return (
    <>
      <p className="hint">
        {t('units.perWorkerHour')} · {t('zones.timeZoneNote', { timeZone: hotspots.timeZone })}
      </p>
      <div className="table-scroll">
        <table className="heatmap">
          <thead>
            <tr>
              <th scope="col">{t('zones.zone')}</th>
              {slots.map((s) => (
                <th scope="col" key={s}>
                  {slotLabel(s)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((zone) => (
              <tr key={zone} className={zone === selected ? 'selected' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onSelect(zone)}
                    aria-label={t('zones.selectZone', { zone })}
                    aria-pressed={zone === selected}
                  >
                    {zone}
                  </button>
                </th>
                {slots.map((s) => cellView(grid.get(`${zone}/${s}`), zone, s))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend-suppressed">
        <span className="swatch-suppressed" aria-hidden="true" />
        {t('suppressed.legend', { reason: reason('below_k', k) })}
      </p>
      <CsvButton fileName={`haltung-heatmap-${hotspots.by}-${hotspots.siteId}.csv`} build={csv} />
    </>
  );
}
