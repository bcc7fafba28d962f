import type { Formatters } from '../i18n/format.js';
import type { ChartSeries } from './time-chart.js';

interface DrawInput {
  /** Label of the time axis in the legend. */
  timeLabel: string;
  xs: number[];
  series: ChartSeries[];
  format: Formatters;
  timeZone?: string;
}

const HEIGHT_PX = 280;
const DAY_MS = 86_400_000;

/** Draws the chart into `host` and returns its disposer. uPlot is imported here, on first use. */
export async function drawTimeChart(
  host: HTMLElement,
  { timeLabel, xs, series, format, timeZone }: DrawInput,
) {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  // Time stamps where any series is suppressed: drawn as hatched bands, not as a drop to 0.
  const suppressedXs = xs.filter((_, i) => series.some((s) => s.cells[i]?.suppressed));
  const spanMs = (xs.at(-1) ?? 0) - (xs[0] ?? 0);
  const stepMs = xs.length > 1 ? spanMs / (xs.length - 1) : 3_600_000;

  const data = [
    xs,
    ...series.map((s) => s.cells.map((c) => (c && !c.suppressed ? c.value : null))),
  ] as unknown as import('uplot').AlignedData;

  const chart = new UPlot(
    {
      width: Math.max(280, host.clientWidth),
      height: HEIGHT_PX,
      ms: 1,
      tzDate: timeZone ? (ms) => UPlot.tzDate(new Date(ms), timeZone) : undefined,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: [
        {
          values: (_u, splits) =>
            splits.map((ms) =>
              spanMs > 2 * DAY_MS ? format.dateTime(ms, timeZone) : format.time(ms, timeZone),
            ),
        },
        { values: (_u, splits) => splits.map((v) => format.rate(v)), size: 56 },
      ],
      series: [
        { label: timeLabel, value: (_u, ms) => (ms == null ? '–' : format.dateTime(ms, timeZone)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          dash: s.dash,
          width: 2,
          spanGaps: false,
          value: (_u: unknown, v: number | null) => (v == null ? '–' : format.rate(v)),
        })),
      ],
      hooks: {
        drawClear: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.fillStyle = hatch(ctx);
            for (const x of suppressedXs) {
              const left = u.valToPos(x - stepMs / 2, 'x', true);
              const right = u.valToPos(x + stepMs / 2, 'x', true);
              ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
            }
            ctx.restore();
          },
        ],
      },
    },
    data,
    host,
  );
  const resize = new ResizeObserver(() =>
    chart.setSize({ width: Math.max(280, host.clientWidth), height: HEIGHT_PX }),
  );
  resize.observe(host);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
}

function hatch(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return 'rgba(0,0,0,0.08)';
  t.strokeStyle = 'rgba(90,90,90,0.35)';
  t.lineWidth = 2;
  t.beginPath();
  t.moveTo(0, 8);
  t.lineTo(8, 0);
  t.stroke();
  return ctx.createPattern(tile, 'repeat') ?? 'rgba(0,0,0,0.08)';
}
