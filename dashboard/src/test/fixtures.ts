import type {
  AuditEntry,
  Cell,
  HotspotsResponse,
  LiveMessage,
  PeriodSummaryResponse,
  PrivacyResponse,
  SitesResponse,
  TrendsResponse,
} from '@haltung/protocol';

/**
 * Answers as the server gives them for a small plant: three zones, k = 5, where `packing` has
 * only three workers at night (suppressed) and one complementary cell. Tests validate each with
 * the protocol schema before use.
 */
export const SITE = 'plant-bremen';
export const ZONES = ['assembly', 'goods-in', 'packing'];
export const T0_MS = Date.UTC(2026, 10, 23, 6); // Monday 23 Nov 2026, 06:00 UTC
const HOUR_MS = 3_600_000;
const privacy = { k: 5, bucketSeconds: 900, epsilon: null };

const v = (value: number): Cell => ({ suppressed: false, value });
const belowK: Cell = { suppressed: true, reason: 'below_k' };
const complementary: Cell = { suppressed: true, reason: 'complementary' };

export const sites: SitesResponse = { sites: [{ siteId: SITE, zones: ZONES }] };

export const trends: TrendsResponse = {
  siteId: SITE,
  intervalSeconds: 3600,
  privacy,
  series: [
    {
      zoneId: 'goods-in',
      hazard: 'lift_stooped',
      points: [0, 1, 2, 3].map((i) => ({
        tMs: T0_MS + i * HOUR_MS,
        count: v(6 + i),
        workerHours: v(4),
        rate: v((6 + i) / 4),
      })),
    },
    {
      zoneId: 'goods-in',
      hazard: 'trunk_flexion_held',
      points: [0, 1, 2, 3].map((i) => ({
        tMs: T0_MS + i * HOUR_MS,
        count: v(3),
        workerHours: v(4),
        rate: v(0.75),
      })),
    },
    {
      zoneId: 'assembly',
      hazard: 'arm_overhead',
      points: [0, 1, 2, 3].map((i) => ({
        tMs: T0_MS + i * HOUR_MS,
        count: i === 2 ? belowK : v(2),
        workerHours: i === 2 ? belowK : v(5),
        rate: i === 2 ? belowK : v(0.4),
      })),
    },
  ],
};

export const summary: PeriodSummaryResponse = {
  siteId: SITE,
  fromMs: T0_MS - 7 * 24 * HOUR_MS,
  toMs: T0_MS,
  privacy,
  zones: [
    {
      zoneId: 'goods-in',
      workerHours: v(160),
      hazards: [
        { hazard: 'lift_stooped', rate: v(1.5), previousRate: v(1.2), count: v(240) },
        { hazard: 'trunk_flexion_held', rate: v(0.75), previousRate: complementary, count: v(120) },
        { hazard: 'arm_overhead', rate: v(0), previousRate: v(0), count: v(0) },
      ],
      exposureShare: { trunk_20_45: v(0.18), trunk_45_60: v(0.06), trunk_over_60: v(0.02) },
      lifts: { total: v(1900), stooped: v(310) },
    },
    {
      zoneId: 'packing',
      workerHours: belowK,
      hazards: [{ hazard: 'arm_overhead', rate: belowK, previousRate: complementary, count: belowK }],
      exposureShare: { arm_over_60: belowK },
      lifts: { total: belowK, stooped: belowK },
    },
  ],
};

export function hotspots(by: 'hour' | 'weekday' = 'hour'): HotspotsResponse {
  const slots = by === 'hour' ? [6, 7, 8, 22] : [0, 1, 4];
  return {
    siteId: SITE,
    by,
    timeZone: 'Europe/Berlin',
    privacy,
    cells: [
      ...slots.map((slot, i) => ({
        zoneId: 'goods-in',
        slot,
        count: v(10 + i),
        workerHours: v(5),
        rate: v((10 + i) / 5),
      })),
      { zoneId: 'assembly', slot: slots[0] ?? 0, count: v(3), workerHours: v(6), rate: v(0.5) },
      { zoneId: 'packing', slot: slots.at(-1) ?? 0, count: belowK, workerHours: belowK, rate: belowK },
    ],
  };
}

export const privacyAnswer: PrivacyResponse = {
  settings: { k: 5, bucketSeconds: 900, retentionDays: 400, epsilon: null, timeZone: 'Europe/Berlin' },
  modelVersion: 'posture-1.0.0',
  leavesEdge: ['v', 'msgId', 'siteId', 'zoneId', 'bucketStartMs', 'bucketSeconds', 'hazards', 'lifts'],
  staysOnEdge: ['imu_samples', 'device_id', 'worker_id'],
};

export const auditEntries: AuditEntry[] = [
  {
    tMs: T0_MS - 48 * HOUR_MS,
    role: 'admin',
    actor: 'admin-bremen',
    change: { k: { from: 3, to: 5 } },
  },
  {
    tMs: T0_MS - 24 * HOUR_MS,
    role: 'admin',
    actor: 'admin-bremen',
    change: { retentionDays: { from: 365, to: 400 } },
  },
];

export const liveMessage: LiveMessage = {
  type: 'bucket',
  siteId: SITE,
  bucketStartMs: T0_MS,
  bucketSeconds: 900,
  privacy,
  zones: [
    { zoneId: 'goods-in', workerHours: v(2.5), hazards: { lift_stooped: v(4), trunk_twist: v(1) } },
    { zoneId: 'packing', workerHours: belowK, hazards: { lift_stooped: belowK } },
  ],
};
