import type { Cell } from '@haltung/protocol';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { CellValue } from './cell-value.js';
import { drawTimeChart } from './draw-time-chart.js';

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  dash: number[];
  /** One cell per entry of `xs` (null where the series has no point). */
  cells: (Cell | null)[];
}

interface TimeChartProps {
  /** Accessible name of the chart. */
  label: string;
  /** Sorted time stamps, ms since the epoch. */
  xs: number[];
  series: ChartSeries[];
  k: number;
  timeZone?: string;
}

/** uPlot needs a canvas and matchMedia; without them (old browsers, jsdom) the table stands alone. */
function canDrawCharts(): boolean {
  return typeof window.matchMedia === 'function' && typeof ResizeObserver === 'function';
}

/**
 * A line chart of rates over time drawn with uPlot (loaded on first use to keep the initial
 * bundle small), with suppressed points as hatched gaps, and the same figures as a table.
 */
export function TimeChart({ label, xs, series, k, timeZone }: TimeChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const host = useRef<HTMLDivElement>(null);
  const [unavailable, setUnavailable] = useState(false);
  const timeLabel = t('chart.time');
  const hasSuppressed = series.some((s) => s.cells.some((c) => c?.suppressed));

  useEffect(() => {
    if (!host.current) return;
    if (!canDrawCharts()) {
      setUnavailable(true);
      return;
    }
    let dispose: (() => void) | undefined;
    let cancelled = false;
    drawTimeChart(host.current, { timeLabel, xs, series, format, timeZone }).then(
      (d) => {
        if (cancelled) d();
        else dispose = d;
      },
      () => setUnavailable(true),
    );
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [timeLabel, xs, series, format, timeZone]);

  return (
    <figure className="chart">
      <div ref={host} className="chart-canvas" role="img" aria-label={label} />
      {unavailable && <p className="state">{t('chart.unavailable')}</p>}
      {hasSuppressed && (
        <p className="legend-suppressed">
          <span className="swatch-suppressed" aria-hidden="true" />
          {t('suppressed.legend', { reason: t('suppressed.below_k', { k }) })}
        </p>
      )}
      <details className="chart-table" open={unavailable}>
        <summary>{t('chart.showTable')}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('chart.time')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {xs.map((x, i) => (
                <tr key={x}>
                  <th scope="row">{format.dateTime(x, timeZone)}</th>
                  {series.map((s) => {
                    const cell = s.cells[i];
                    return (
                      <td key={s.key}>{cell ? <CellValue cell={cell} k={k} format={format.rate} /> : '–'}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
