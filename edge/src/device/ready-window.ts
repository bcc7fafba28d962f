import type { PostureSample } from '@haltung/kinematics';

/** A feature window of one device waiting for the classifier. */
export interface ReadyWindow {
  /** `extractFeatures` of the window extended by its recent context (`WindowContext`): the model's input. */
  features: Float32Array;
  /** The window's raw posture samples (for a model that reads sequences), oldest first. */
  samples: readonly PostureSample[];
  /** Time of the window's last sample, ms (device clock): its class is counted in that bucket. */
  tMs: number;
  /** Seconds of new data the window adds (its hop): the time its class is counted for. */
  hopS: number;
}
