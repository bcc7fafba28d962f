import { z } from 'zod';

/**
 * Identifiers that appear in MQTT topics: lower-case letters, digits, `-` and `_`, 1–64 chars.
 * No `/`, `+`, `#` (topic syntax) and no `:` so a MAC address cannot be used as a zone name.
 */
export const TOPIC_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const topicIdSchema = z
  .string()
  .regex(
    TOPIC_ID_PATTERN,
    'lower-case letters, digits, "-" or "_", 1–64 characters, not starting with - or _',
  );

/** A site (plant) id, e.g. `plant-bremen`. */
export const siteIdSchema = topicIdSchema;
/** A zone id within a site, e.g. `goods-in`. */
export const zoneIdSchema = topicIdSchema;
/** A device id. Appears only on device topics, which never leave the edge broker. */
export const deviceIdSchema = topicIdSchema;

export const isTopicId = (s: string): boolean => TOPIC_ID_PATTERN.test(s);
