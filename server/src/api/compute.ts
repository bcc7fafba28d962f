import type {
  HotspotQuery,
  HotspotsResponse,
  PeriodSummaryResponse,
  RangeQuery,
  TrendQuery,
  TrendsResponse,
} from '@haltung/protocol';
import { readCells } from '../storage/read-cells.js';
import { hotspotsAnswer, summaryAnswer, trendsAnswer } from './answers.js';
import { type AppContext, protectorOf } from './context.js';
import { checkRange } from './range.js';

/** The protected answers, shared by the JSON routes and the CSV export so both say the same. */
export async function computeTrends(ctx: AppContext, q: TrendQuery): Promise<TrendsResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds, q.intervalSeconds);
  const cells = await readCells(ctx.influx, ctx.config.influx.retentionPolicy, {
    ...q,
    ...r,
    siteId: q.site,
  });
  return trendsAnswer(p, q.site, cells, r.intervalSeconds, q.hazard);
}

export async function computeHotspots(ctx: AppContext, q: HotspotQuery): Promise<HotspotsResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds);
  const cells = await readCells(ctx.influx, ctx.config.influx.retentionPolicy, {
    ...q,
    ...r,
    siteId: q.site,
  });
  const tz = ctx.settings.current.timeZone;
  return hotspotsAnswer(p, q.site, cells, q.by, tz, q.hazard, `${r.fromMs}|${r.toMs}`);
}

export async function computeSummary(ctx: AppContext, q: RangeQuery): Promise<PeriodSummaryResponse> {
  const p = await protectorOf(ctx);
  const r = checkRange(q, p.settings.bucketSeconds);
  const previousFromMs = r.fromMs - (r.toMs - r.fromMs);
  const cells = await readCells(ctx.influx, ctx.config.influx.retentionPolicy, {
    ...q,
    siteId: q.site,
    fromMs: previousFromMs,
    toMs: r.toMs,
  });
  return summaryAnswer(p, q.site, r.fromMs, r.toMs, cells, q.hazard);
}
