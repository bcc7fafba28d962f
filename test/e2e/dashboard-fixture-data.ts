import { randomUUID } from 'node:crypto';
import { type Summary, topics } from '@haltung/protocol';
import mqtt from 'mqtt';

/** Zones of the e2e site and how many wearables report in each; `packing` stays below k = 5. */
export const E2E_ZONES = { 'goods-in': 7, assembly: 6, packing: 3 } as const;
const BUCKET_MS = 900_000;

/** Deterministic 0..1 numbers (mulberry32), so every run publishes the same figures. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Per-device summaries as edge agents publish them, one per device, zone and 15-min bucket, for
 * the last `hours` hours up to the bucket just closed. goods-in lifts a lot (stooped lifts, bent
 * trunk), assembly works overhead.
 */
export function e2eSummaries(siteId: string, nowMs: number, hours: number): Summary[] {
  const rand = seeded(42);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const last = Math.floor(nowMs / BUCKET_MS) * BUCKET_MS - BUCKET_MS;
  const out: Summary[] = [];
  for (let t = last - (hours * 4 - 1) * BUCKET_MS; t <= last; t += BUCKET_MS) {
    for (const [zoneId, devices] of Object.entries(E2E_ZONES)) {
      for (let d = 0; d < devices; d++) {
        const observedSeconds = 700 + int(200);
        const heavy = zoneId === 'goods-in';
        const overhead = zoneId === 'assembly';
        const stooping = heavy ? 120 + int(120) : 20 + int(40);
        out.push({
          v: 1,
          msgId: randomUUID(),
          siteId,
          zoneId,
          bucketStartMs: t,
          bucketSeconds: 900,
          observedSeconds,
          postureSeconds: { standing: observedSeconds - stooping - 100, walking: 100, stooping },
          exposureSeconds: heavy
            ? { trunk_20_45: stooping, trunk_over_60: int(40) }
            : { arm_over_90: overhead ? 60 + int(90) : 0 },
          hazards: heavy
            ? {
                lift_stooped: { warning: int(3), high: int(1) },
                trunk_flexion_held: { warning: int(2), high: 0 },
              }
            : overhead
              ? { arm_overhead: { warning: 1 + int(2), high: int(1) } }
              : { trunk_twist: { warning: int(2), high: 0 } },
          lifts: heavy ? { total: 10 + int(10), stooped: int(5) } : { total: int(3), stooped: 0 },
          acks: int(2),
          snoozes: int(1),
          modelVersion: 'posture-1.0.0',
        });
      }
    }
  }
  return out;
}

/** Publishes the summaries on their MQTT topics (QoS 1), as the edge agents do. */
export async function publishSummaries(mqttUrl: string, list: Summary[]): Promise<void> {
  const client = await mqtt.connectAsync(mqttUrl, {
    protocolVersion: 5,
    clientId: `e2e-dash-${randomUUID()}`,
  });
  try {
    for (const s of list)
      await client.publishAsync(topics.summary(s.siteId, s.zoneId), JSON.stringify(s), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}
