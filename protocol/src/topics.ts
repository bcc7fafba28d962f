import { isTopicId } from './ids.js';

/**
 * MQTT topics. Everything about one wearable lives under `haltung/v1/device/<deviceId>/…` on the
 * edge (local) broker and never leaves it; only `summary/…` and `status/…` go to the site broker.
 * The version segment changes only when a payload changes incompatibly.
 */
export const TOPIC_ROOT = 'haltung/v1';
export const DEVICE_TOPIC_PREFIX = `${TOPIC_ROOT}/device/`;

export const DEVICE_CHANNELS = ['imu', 'feedback', 'control', 'zone'] as const;
/**
 * - `imu`: wearable → edge, binary IMU frames (or JSON for debugging).
 * - `feedback`: edge → wearable, warnings.
 * - `control`: wearable → edge, acknowledge / snooze.
 * - `zone`: retained, set by the wearable or gateway: the zone the device is in (a plain zone id).
 */
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

export const topics = {
  imu: (deviceId: string) => deviceTopic(deviceId, 'imu'),
  feedback: (deviceId: string) => deviceTopic(deviceId, 'feedback'),
  control: (deviceId: string) => deviceTopic(deviceId, 'control'),
  zone: (deviceId: string) => deviceTopic(deviceId, 'zone'),
  summary: (siteId: string, zoneId: string) => `${TOPIC_ROOT}/summary/${id(siteId)}/${id(zoneId)}`,
  status: (component: string) => `${TOPIC_ROOT}/status/${id(component)}`,
} as const;

/** Subscription filters. */
export const topicFilters = {
  allImu: `${DEVICE_TOPIC_PREFIX}+/imu`,
  allControl: `${DEVICE_TOPIC_PREFIX}+/control`,
  allZone: `${DEVICE_TOPIC_PREFIX}+/zone`,
  allFeedback: `${DEVICE_TOPIC_PREFIX}+/feedback`,
  allSummaries: `${TOPIC_ROOT}/summary/+/+`,
  /** MQTT 5 shared subscription: instances in one group split the summaries between them. */
  sharedSummaries: (group: string) => `$share/${id(group)}/${TOPIC_ROOT}/summary/+/+`,
} as const;

export type ParsedTopic =
  | { kind: 'device'; deviceId: string; channel: DeviceChannel }
  | { kind: 'summary'; siteId: string; zoneId: string }
  | { kind: 'status'; component: string };

/** Parses any Haltung topic; `null` for anything else (wrong root, version, channel or id syntax). */
export function parseTopic(topic: string): ParsedTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== 'haltung' || parts[1] !== 'v1') return null;
  const [, , kind, a, b, extra] = parts;
  if (extra !== undefined) return null;
  if (kind === 'device' && a && isTopicId(a) && isDeviceChannel(b)) {
    return { kind: 'device', deviceId: a, channel: b };
  }
  if (kind === 'summary' && a && b && isTopicId(a) && isTopicId(b)) {
    return { kind: 'summary', siteId: a, zoneId: b };
  }
  if (kind === 'status' && a && b === undefined && isTopicId(a)) return { kind: 'status', component: a };
  return null;
}

/** True for topics that carry per-device data and must never be forwarded off the edge. */
export const isDeviceTopic = (topic: string): boolean => topic.startsWith(DEVICE_TOPIC_PREFIX);

function isDeviceChannel(s: string | undefined): s is DeviceChannel {
  return s !== undefined && (DEVICE_CHANNELS as readonly string[]).includes(s);
}

function deviceTopic(deviceId: string, channel: DeviceChannel): string {
  return `${DEVICE_TOPIC_PREFIX}${id(deviceId)}/${channel}`;
}

function id(s: string): string {
  if (!isTopicId(s)) throw new Error(`invalid topic id ${JSON.stringify(s)}: use [a-z0-9_-], 1–64 chars`);
  return s;
}
