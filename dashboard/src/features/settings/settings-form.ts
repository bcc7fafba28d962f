import { type PrivacySettings, type SettingsUpdate, settingsUpdateSchema } from '@haltung/protocol';

/** The form's text fields; the bucket is edited in minutes, ε empty means off. */
export interface SettingsFormValues {
  k: string;
  bucketMinutes: string;
  retentionDays: string;
  epsilon: string;
  timeZone: string;
}

export type SettingsField = keyof SettingsFormValues;

export function formValues(s: PrivacySettings): SettingsFormValues {
  return {
    k: String(s.k),
    bucketMinutes: String(s.bucketSeconds / 60),
    retentionDays: String(s.retentionDays),
    epsilon: s.epsilon === null ? '' : String(s.epsilon),
    timeZone: s.timeZone,
  };
}

const FIELD_OF: Record<string, SettingsField> = {
  k: 'k',
  bucketSeconds: 'bucketMinutes',
  retentionDays: 'retentionDays',
  epsilon: 'epsilon',
  timeZone: 'timeZone',
};

/**
 * The changed settings only (so the audit log shows what was meant), validated with the protocol's
 * schema; or the first invalid form field.
 */
export function settingsChange(
  current: PrivacySettings,
  values: SettingsFormValues,
): { ok: true; update: SettingsUpdate } | { ok: false; field: SettingsField } {
  const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));
  const next = {
    k: num(values.k),
    bucketSeconds: Math.round(num(values.bucketMinutes) * 60),
    retentionDays: num(values.retentionDays),
    epsilon: values.epsilon.trim() === '' ? null : num(values.epsilon),
    timeZone: values.timeZone.trim(),
  };
  if (!isTimeZone(next.timeZone)) return { ok: false, field: 'timeZone' };
  const changed = Object.fromEntries(
    Object.entries(next).filter(([key, value]) => current[key as keyof PrivacySettings] !== value),
  );
  const parsed = settingsUpdateSchema.safeParse(changed);
  if (!parsed.success) {
    const key = String(parsed.error.issues[0]?.path[0] ?? 'k');
    return { ok: false, field: FIELD_OF[key] ?? 'k' };
  }
  return { ok: true, update: parsed.data };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

export type Weakening = 'k' | 'epsilon' | 'retention';

/**
 * What a change gives up: a smaller k or a larger (or no) ε protects workers less; a shorter
 * retention deletes data for good. Such changes are confirmed once more before they are sent.
 */
export function weakenings(current: PrivacySettings, update: SettingsUpdate): Weakening[] {
  const out: Weakening[] = [];
  if (update.k !== undefined && update.k < current.k) out.push('k');
  if (update.epsilon !== undefined && current.epsilon !== null) {
    if (update.epsilon === null || update.epsilon > current.epsilon) out.push('epsilon');
  }
  if (update.retentionDays !== undefined && update.retentionDays < current.retentionDays)
    out.push('retention');
  return out;
}
