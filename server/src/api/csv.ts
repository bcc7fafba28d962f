import type {
  Cell,
  HotspotsResponse,
  PeriodSummaryResponse,
  PrivacyNote,
  TrendsResponse,
} from '@haltung/protocol';

/** A cell in CSV: the number, or `suppressed:<reason>` (never an empty or zero value). */
const cellText = (c: Cell | undefined): string =>
  c === undefined ? '' : c.suppressed ? `suppressed:${c.reason}` : String(c.value);

const privacyColumns = (p: PrivacyNote) => [
  String(p.k),
  String(p.bucketSeconds),
  p.epsilon === null ? 'none' : String(p.epsilon),
];
const PRIVACY_HEADER = ['k', 'bucket_seconds', 'epsilon'];

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(s: string): string {
  // Also defuses spreadsheet formulas (=, +, -, @) in text fields.
  const safe = /^[=+@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function trendsCsv(t: TrendsResponse): string {
  const rows = [
    [
      'site',
      'zone',
      'hazard',
      'interval_start',
      'interval_seconds',
      'count',
      'worker_hours',
      'rate_per_worker_hour',
      ...PRIVACY_HEADER,
    ],
  ];
  for (const s of t.series) {
    for (const p of s.points) {
      rows.push([
        t.siteId,
        s.zoneId,
        s.hazard,
        new Date(p.tMs).toISOString(),
        String(t.intervalSeconds),
        cellText(p.count),
        cellText(p.workerHours),
        cellText(p.rate),
        ...privacyColumns(t.privacy),
      ]);
    }
  }
  return csv(rows);
}

export function hotspotsCsv(h: HotspotsResponse): string {
  const rows = [
    ['site', 'zone', h.by, 'time_zone', 'count', 'worker_hours', 'rate_per_worker_hour', ...PRIVACY_HEADER],
  ];
  for (const c of h.cells) {
    rows.push([
      h.siteId,
      c.zoneId,
      String(c.slot),
      h.timeZone,
      cellText(c.count),
      cellText(c.workerHours),
      cellText(c.rate),
      ...privacyColumns(h.privacy),
    ]);
  }
  return csv(rows);
}

export function summaryCsv(s: PeriodSummaryResponse): string {
  const rows = [
    [
      'site',
      'zone',
      'from',
      'to',
      'hazard',
      'count',
      'rate_per_worker_hour',
      'previous_rate',
      'worker_hours',
      ...PRIVACY_HEADER,
    ],
  ];
  for (const z of s.zones) {
    for (const h of z.hazards) {
      rows.push([
        s.siteId,
        z.zoneId,
        new Date(s.fromMs).toISOString(),
        new Date(s.toMs).toISOString(),
        h.hazard,
        cellText(h.count),
        cellText(h.rate),
        cellText(h.previousRate),
        cellText(z.workerHours),
        ...privacyColumns(s.privacy),
      ]);
    }
  }
  return csv(rows);
}
