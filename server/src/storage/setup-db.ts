import type { InfluxClient } from './influx-client.js';
import { AUDIT_RP } from './schema.js';

/**
 * Creates the database, the data retention policy (the database deletes older data itself, as
 * privacy.md requires) and the audit log's keep-forever policy. Safe to run on every start.
 */
export async function setupDatabase(influx: InfluxClient, rp: string, retentionDays: number): Promise<void> {
  const db = influx.database;
  await influx.query(`CREATE DATABASE "${db}"`, { db: false, post: true });
  await ensureRetention(influx, rp, retentionDays);
  const [policies] = await influx.query(`SHOW RETENTION POLICIES ON "${db}"`, { db: false });
  const names = (policies?.[0]?.values ?? []).map((v) => v[0]);
  if (!names.includes(AUDIT_RP)) {
    await influx.query(`CREATE RETENTION POLICY "${AUDIT_RP}" ON "${db}" DURATION INF REPLICATION 1`, {
      db: false,
      post: true,
    });
  }
}

/** Creates or changes the data retention policy to `retentionDays` and makes it the default. */
export async function ensureRetention(
  influx: InfluxClient,
  rp: string,
  retentionDays: number,
): Promise<void> {
  const db = influx.database;
  const [policies] = await influx.query(`SHOW RETENTION POLICIES ON "${db}"`, { db: false });
  const names = (policies?.[0]?.values ?? []).map((v) => v[0]);
  const verb = names.includes(rp) ? 'ALTER' : 'CREATE';
  await influx.query(
    `${verb} RETENTION POLICY "${rp}" ON "${db}" DURATION ${retentionDays}d REPLICATION 1 DEFAULT`,
    { db: false, post: true },
  );
}

/** The data retention policy's duration in days as the database reports it (null when missing). */
export async function readRetentionDays(influx: InfluxClient, rp: string): Promise<number | null> {
  const [policies] = await influx.query(`SHOW RETENTION POLICIES ON "${influx.database}"`, { db: false });
  const row = (policies?.[0]?.values ?? []).find((v) => v[0] === rp);
  const m = typeof row?.[1] === 'string' ? /^(\d+)h0m0s$/.exec(row[1]) : null;
  return m ? Number(m[1]) / 24 : null;
}
