import {
  type AuditEntry,
  type PrivacySettings,
  privacySettingsSchema,
  type Role,
  type SettingsUpdate,
} from '@haltung/protocol';
import { type InfluxClient, rows } from '../storage/influx-client.js';
import { AUDIT_RP, MEASUREMENTS } from '../storage/schema.js';
import { ensureRetention } from '../storage/setup-db.js';

/**
 * The privacy settings in force and their audit log. Every change is written to InfluxDB (kept
 * forever, shared by all instances) before it takes effect; the last audited settings win over the
 * config file, so nobody can change them unaudited by editing a file.
 */
export class SettingsStore {
  private settings: PrivacySettings;
  private lastWriteMs = 0;
  private loadedAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    initial: PrivacySettings,
    private readonly influx: InfluxClient,
    private readonly dataRp: string,
    private readonly now: () => number,
  ) {
    this.settings = { ...initial };
  }

  get current(): PrivacySettings {
    return this.settings;
  }

  /**
   * The settings in force, re-read when older than `maxAgeMs`, so a change made through another
   * instance applies here within that time.
   */
  async fresh(maxAgeMs = 2000): Promise<PrivacySettings> {
    if (this.now() - this.loadedAtMs > maxAgeMs) await this.load();
    return this.settings;
  }

  /** Loads the newest audited settings, if any. */
  async load(): Promise<void> {
    this.loadedAtMs = this.now();
    const [series] = await this.influx.query(
      `SELECT "settings" FROM "${AUDIT_RP}"."${MEASUREMENTS.audit}" ORDER BY time DESC LIMIT 1`,
    );
    const value = series?.[0]?.values[0]?.[1];
    if (typeof value !== 'string') return;
    const parsed = privacySettingsSchema.safeParse(JSON.parse(value));
    if (parsed.success) this.settings = parsed.data;
  }

  /** Applies an admin's change, audited. Returns the entry, or null when nothing changed. */
  async update(change: SettingsUpdate, actor: string, role: Role): Promise<AuditEntry | null> {
    await this.load();
    const next = privacySettingsSchema.parse({ ...this.settings, ...change });
    const diff: AuditEntry['change'] = {};
    for (const key of Object.keys(change) as (keyof PrivacySettings)[]) {
      if (next[key] !== this.settings[key]) diff[key] = { from: this.settings[key], to: next[key] };
    }
    if (Object.keys(diff).length === 0) return null;
    if (diff.retentionDays) await ensureRetention(this.influx, this.dataRp, next.retentionDays);
    // Audit entries are points without tags: two in one millisecond would overwrite each other.
    const tMs = Math.max(this.now(), this.lastWriteMs + 1);
    this.lastWriteMs = tMs;
    const fields = [
      `role=${quote(role)}`,
      `actor=${quote(actor)}`,
      `change=${quote(JSON.stringify(diff))}`,
      `settings=${quote(JSON.stringify(next))}`,
    ];
    await this.influx.write([`${MEASUREMENTS.audit} ${fields.join(',')} ${tMs}`], AUDIT_RP);
    this.settings = next;
    return { tMs, role, actor, change: diff };
  }

  async auditLog(limit = 1000): Promise<AuditEntry[]> {
    const [series] = await this.influx.query(
      `SELECT "role", "actor", "change" FROM "${AUDIT_RP}"."${MEASUREMENTS.audit}" ORDER BY time DESC LIMIT ${limit}`,
    );
    return (series?.[0] ? rows(series[0]) : []).map((r) => ({
      tMs: Number(r.time),
      role: r.role as Role,
      actor: String(r.actor),
      change: JSON.parse(String(r.change)) as AuditEntry['change'],
    }));
  }
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
