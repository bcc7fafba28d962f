export { Fleet, type FleetOptions, type FleetProgress, type FleetStats } from './fleet.js';
export {
  HAZARD_MEASURES,
  type HazardMeasure,
  type HazardTimeline,
  HazardTracker,
  heldOnsets,
  type Interval,
  mergeIntervals,
} from './hazard-timeline.js';
export { type ReceivedWarning, VirtualWearable } from './virtual-wearable.js';
