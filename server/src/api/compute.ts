import type {
  HotspotQuery,
  HotspotsResponse,
  PeriodSummaryResponse,
  RangeQuery,
  TrendQuery,
  TrendsResponse,
} from '@haltung/protocol';
import { type CellQuery, readCells } from '../storage/read-cells.js';
import { hotspotsAnswer, summaryAnswer, trendsAnswer } from './answers.js';
import { type AppContext, protectorOf } from './context.js';
import { checkRange } from './range.js';

/**
 * The API's query names (`site`, `zone`, `hazard`) mapped to the storage query. A zone or hazard
 * filter only drops whole rows: every row is computed per zone from its own cells, so a filtered
 * answer is exactly those rows of the unfiltered one (nothing to subtract).
 */
function cellQuery(q: RangeQuery, fromMs: number, toMs: number): CellQuery {
  return {
    siteId: q.site,
    fromMs,
    toMs,
    ...(q.zone ? { zoneId: q.zone } : {}),
    ...(q.hazard ? { hazard: q.hazard } : {}),
  };
}

/** The protected answers, shared by the JSON routes and the CSV export so both say the same. */
export async function computeTrends(ctx: AppContext, q: TrendQuery): Promise<TrendsResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds, q.intervalSeconds);
  const cells = await readCells(
    ctx.influx,
    ctx.config.influx.retentionPolicy,
    cellQuery(q, r.fromMs, r.toMs),
  );
  return trendsAnswer(p, q.site, cells, r.intervalSeconds, q.hazard);
}

export async function computeHotspots(ctx: AppContext, q: HotspotQuery): Promise<HotspotsResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds);
  const cells = await readCells(
    ctx.influx,
    ctx.config.influx.retentionPolicy,
    cellQuery(q, r.fromMs, r.toMs),
  );
  const tz = ctx.settings.current.timeZone;
  return hotspotsAnswer(p, q.site, cells, q.by, tz, q.hazard, `${r.fromMs}|${r.toMs}`);
}

export async function computeSummary(ctx: AppContext, q: RangeQuery): Promise<PeriodSummaryResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds);
  const previousFromMs = r.fromMs - (r.toMs - r.fromMs);
  const cells = await readCells(
    ctx.influx,
    ctx.config.influx.retentionPolicy,
    cellQuery(q, previousFromMs, r.toMs),
  );
  return summaryAnswer(p, q.site, r.fromMs, r.toMs, cells, q.hazard);
}
