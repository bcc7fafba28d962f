import type { ControlMessage, HazardType } from '@haltung/protocol';

/** Warnings remembered per device for acknowledgement; older ones can no longer be acknowledged. */
const MAX_RECENT_WARNINGS = 32;

interface SentWarning {
  ruleId: string;
  onsetMs: number;
}

/**
 * What the worker told the agent from the wearable: snoozes (per hazard or all) and which recent
 * warnings exist to be acknowledged. Times are the device's sample clock.
 */
export class DeviceFeedback {
  private readonly snoozedUntil = new Map<HazardType | '*', number>();
  private readonly recent = new Map<string, SentWarning>();

  remember(warningId: string, ruleId: string, onsetMs: number): void {
    this.recent.set(warningId, { ruleId, onsetMs });
    if (this.recent.size > MAX_RECENT_WARNINGS) {
      this.recent.delete(this.recent.keys().next().value as string);
    }
  }

  /**
   * Applies a control message at device time `tMs`. Returns what it was: an acknowledgement of a
   * known warning (with the episode to silence), a snooze, a calibration request (the pipeline
   * carries it out), or null for an unknown warning id.
   */
  apply(
    message: ControlMessage,
    tMs: number,
  ): { kind: 'ack'; ruleId: string; onsetMs: number } | { kind: 'snooze' } | { kind: 'calibrate' } | null {
    if (message.kind === 'calibrate') return { kind: 'calibrate' };
    if (message.kind === 'snooze') {
      this.snoozedUntil.set(message.hazard ?? '*', tMs + message.durationS * 1000);
      return { kind: 'snooze' };
    }
    const sent = this.recent.get(message.warningId);
    if (!sent) return null;
    this.recent.delete(message.warningId);
    return { kind: 'ack', ...sent };
  }

  isSnoozed(hazard: HazardType, tMs: number): boolean {
    return (this.snoozedUntil.get(hazard) ?? 0) > tMs || (this.snoozedUntil.get('*') ?? 0) > tMs;
  }
}
