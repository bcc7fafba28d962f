import { POSTURE_CLASSES, type PostureClass } from '@haltung/protocol';

/**
 * What a dataset label means to Haltung: a posture class, `transition` (a postural change that is
 * scored by no class and dropped from training and evaluation), or `unknown` (a label we cannot
 * interpret; counted and dropped).
 */
export type MappedLabel = PostureClass | 'transition' | 'unknown';

/**
 * The documented label table (models/README.md shows the same). Keys are upper-cased dataset labels.
 * - UCI HAPT (Reyes-Ortiz et al. 2016): the three walking kinds are walking (stairs included);
 *   LAYING is lying; the six postural transitions are `transition`.
 * - The simulator's activity names (simulator/src/types.ts `ACTIVITIES`) map like its own
 *   `ACTIVITY_POSTURE`: carrying is walking, stoop_bend is stooping, lifts are lifting, etc.
 *   Twist and side bend happen standing upright, so they are standing.
 * - Haltung's own POSTURE_CLASSES names are used verbatim (added below, any case).
 */
const TABLE: Readonly<Record<string, MappedLabel>> = {
  WALKING: 'walking',
  WALKING_UPSTAIRS: 'walking',
  WALKING_DOWNSTAIRS: 'walking',
  STANDING: 'standing',
  SITTING: 'sitting',
  LAYING: 'lying',
  STAND_TO_SIT: 'transition',
  SIT_TO_STAND: 'transition',
  SIT_TO_LIE: 'transition',
  LIE_TO_SIT: 'transition',
  STAND_TO_LIE: 'transition',
  LIE_TO_STAND: 'transition',
  CARRYING: 'walking',
  STOOP_BEND: 'stooping',
  SQUATTING: 'squatting_kneeling',
  KNEELING: 'squatting_kneeling',
  TRUNK_TWIST: 'standing',
  SIDE_BEND: 'standing',
  OVERHEAD_WORK: 'overhead',
  STOOP_LIFT: 'lifting',
  SQUAT_LIFT: 'lifting',
  TRANSITION: 'transition',
  ...Object.fromEntries(POSTURE_CLASSES.map((c) => [c.toUpperCase(), c])),
};

/** Maps one dataset label (any case, surrounding blanks ignored) to a Haltung class. */
export function mapLabel(label: string): MappedLabel {
  const key = label.trim().toUpperCase();
  // The simulator spells its transitions `<from>_to_<to>` (like HAPT's STAND_TO_SIT).
  return TABLE[key] ?? (/^[A-Z_]+_TO_[A-Z_]+$/.test(key) ? 'transition' : 'unknown');
}

/** True when the mapped label is a posture class (scored), not `transition` or `unknown`. */
export function isPostureClass(label: MappedLabel): label is PostureClass {
  return label !== 'transition' && label !== 'unknown';
}

/** The table as rows `[dataset label, Haltung class]`, for the README and `--help`. */
export function labelTable(): ReadonlyArray<readonly [string, MappedLabel]> {
  return Object.entries(TABLE);
}
