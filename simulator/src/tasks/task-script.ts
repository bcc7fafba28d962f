import type { Rng } from '../random/rng.js';
import type { Activity, BodyProfile, TaskName, TaskStep } from '../types.js';

/** An endless source of steps; tracks its own nominal clock for breaks. */
export interface TaskScript {
  next(): TaskStep;
}

interface Option {
  weight: number;
  step: (rng: Rng, lift: () => Activity) => TaskStep | TaskStep[];
}

const s = (activity: Activity, durationS: number, params?: Record<string, number>): TaskStep =>
  params ? { activity, durationS, params } : { activity, durationS };

// Work cycles per task, from observation studies of the trades (picking: walk–reach–place;
// rebar tying: long deep stoops and squats between short walks; office: long sitting bouts).
const TASKS: Record<Exclude<TaskName, 'mixed'>, Option[]> = {
  warehouse_picking: [
    { weight: 5, step: (r) => s('walking', r.uniform(6, 25)) },
    { weight: 3, step: (r) => s('stoop_bend', r.uniform(2, 7), { depthDeg: r.uniform(35, 100) }) },
    { weight: 3, step: (r, lift) => [s(lift(), 4), s('carrying', r.uniform(4, 15)), s('trunk_twist', 4)] },
    { weight: 1.5, step: (r) => s('squatting', r.uniform(4, 12)) },
    { weight: 1.2, step: (r) => s('overhead_work', r.uniform(3, 8), { elevationDeg: r.uniform(95, 135) }) },
    { weight: 2, step: (r) => s('standing', r.uniform(3, 15)) },
    { weight: 0.8, step: (r) => s('side_bend', r.uniform(3, 6)) },
  ],
  overhead_assembly: [
    { weight: 5, step: (r) => s('overhead_work', r.uniform(15, 90)) },
    { weight: 3, step: (r) => s('standing', r.uniform(5, 25)) },
    { weight: 2, step: (r) => s('walking', r.uniform(3, 12)) },
    { weight: 1, step: (r) => s('side_bend', r.uniform(3, 8)) },
    { weight: 1, step: (r) => s('trunk_twist', r.uniform(3, 8)) },
    { weight: 0.7, step: (r) => s('stoop_bend', r.uniform(2, 5), { depthDeg: r.uniform(30, 70) }) },
    { weight: 0.5, step: (r, lift) => [s(lift(), 4), s('carrying', r.uniform(3, 8))] },
  ],
  rebar_tying: [
    { weight: 5, step: (r) => s('stoop_bend', r.uniform(5, 30), { depthDeg: r.uniform(65, 110) }) },
    { weight: 4, step: (r) => s('walking', r.uniform(2, 6)) },
    { weight: 2, step: (r) => s('squatting', r.uniform(10, 40), { depthDeg: r.uniform(35, 65) }) },
    { weight: 1.5, step: (r) => s('kneeling', r.uniform(10, 60), { depthDeg: r.uniform(30, 70) }) },
    { weight: 1.5, step: (r) => s('standing', r.uniform(3, 12)) },
    { weight: 0.7, step: (r, lift) => [s(lift(), 4), s('carrying', r.uniform(8, 20))] },
  ],
  office: [
    { weight: 5, step: (r) => s('sitting', r.uniform(300, 2400)) },
    { weight: 2, step: (r) => s('standing', r.uniform(30, 180)) },
    { weight: 3, step: (r) => s('walking', r.uniform(10, 60)) },
    { weight: 0.5, step: (r) => s('stoop_bend', r.uniform(1.5, 4), { depthDeg: r.uniform(25, 70) }) },
  ],
};

const BREAK_EVERY_S: [number, number] = [5400, 8400];

/**
 * Creates the endless step source of a named task (or of an explicit script, repeated in order).
 * Named tasks start with the wearable being put on (standing up straight while it calibrates, then
 * walking to work) and include
 * a rest break every 1.5–2.3 h: walk, sit 10–30 min (sometimes lie down).
 */
export function createTaskScript(
  task: TaskName | readonly TaskStep[],
  rng: Rng,
  profile: BodyProfile,
): TaskScript {
  if (typeof task !== 'string') {
    if (task.length === 0) throw new Error('task script: an explicit script needs at least one step');
    let i = 0;
    return { next: () => task[i++ % task.length] as TaskStep };
  }
  const lift = (): Activity => (rng.chance(profile.stoopLiftShare) ? 'stoop_lift' : 'squat_lift');
  const pickTask = (): Exclude<TaskName, 'mixed'> =>
    task === 'mixed' ? rng.pick(['warehouse_picking', 'overhead_assembly', 'rebar_tying'] as const) : task;
  let current = pickTask();
  let clockS = 0;
  let nextBreakS = rng.uniform(...BREAK_EVERY_S);
  // A shift starts as a real one does: the worker puts the wearable on, stands up straight while
  // it calibrates (the fleet presses calibrate), and walks to the work place. The edge takes each
  // wearer's upright reference from that stance (or, uncalibrated, from standing next to walking).
  const queue: TaskStep[] = [
    s('standing', rng.uniform(5, 8), { still: 1, straight: 1 }),
    s('walking', rng.uniform(15, 40)),
  ];
  return {
    next() {
      if (queue.length === 0) {
        if (clockS >= nextBreakS) {
          queue.push(s('walking', rng.uniform(20, 60)), s('sitting', rng.uniform(600, 1800)));
          if (rng.chance(0.15)) queue.push(s('lying', rng.uniform(120, 600)));
          queue.push(s('walking', rng.uniform(20, 60)));
          nextBreakS = clockS + rng.uniform(...BREAK_EVERY_S);
          // Mixed workers change jobs after a break.
          if (task === 'mixed') current = pickTask();
        } else {
          const options = TASKS[current];
          const o = options[rng.weighted(options.map((x) => x.weight))] as Option;
          const out = o.step(rng, lift);
          queue.push(...(Array.isArray(out) ? out : [out]));
        }
      }
      const step = queue.shift() as TaskStep;
      clockS += step.durationS;
      return step;
    },
  };
}
