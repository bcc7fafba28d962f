import { MetricsRegistry } from './metrics-registry.js';

const LATENCY_BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The agent's metrics. Counts and timings only: no device id appears in any label. */
export function createEdgeMetrics() {
  const registry = new MetricsRegistry();
  return {
    registry,
    frames: registry.counter('haltung_edge_frames_total', 'IMU frames accepted'),
    samples: registry.counter('haltung_edge_samples_total', 'IMU samples accepted'),
    drops: registry.counter('haltung_edge_drops_total', 'Messages dropped, by reason'),
    gaps: registry.counter('haltung_edge_gaps_total', 'Breaks in a sensor stream (time gaps)'),
    lostFrames: registry.counter('haltung_edge_lost_frames_total', 'Frames missing by sequence number'),
    warnings: registry.counter('haltung_edge_warnings_total', 'Warnings sent, by hazard and severity'),
    snoozed: registry.counter('haltung_edge_warnings_snoozed_total', 'Warnings not sent: snoozed'),
    acks: registry.counter('haltung_edge_acks_total', 'Warnings acknowledged by the wearer'),
    snoozes: registry.counter('haltung_edge_snoozes_total', 'Snoozes requested by the wearer'),
    calibrations: registry.counter(
      'haltung_edge_calibrations_total',
      'Calibrations the wearer asked for, by result (done, failed)',
    ),
    windows: registry.counter('haltung_edge_windows_classified_total', 'Feature windows classified'),
    windowsDropped: registry.counter('haltung_edge_windows_dropped_total', 'Windows dropped: queue full'),
    summaries: registry.counter('haltung_edge_summaries_total', 'Summaries built'),
    summariesSent: registry.counter(
      'haltung_edge_summaries_sent_total',
      'Summaries acknowledged by the site broker',
    ),
    spoolDropped: registry.counter('haltung_edge_spool_dropped_total', 'Summaries dropped: spool full'),
    evicted: registry.counter('haltung_edge_devices_evicted_total', 'Idle devices evicted'),
    inference: registry.histogram(
      'haltung_edge_inference_seconds',
      'Time of one batched classifier call',
      LATENCY_BOUNDS,
    ),
    batch: registry.histogram(
      'haltung_edge_inference_batch_windows',
      'Windows per classifier call',
      [1, 10, 50, 100, 250, 500, 1000, 2500],
    ),
    processing: registry.histogram(
      'haltung_edge_frame_processing_seconds',
      'Time to process one frame (decode, track, rules, publish)',
      LATENCY_BOUNDS,
    ),
    lag: registry.histogram(
      'haltung_edge_lag_seconds',
      'Wall clock at processing minus the time of the frame’s last sample (needs synced clocks)',
      LATENCY_BOUNDS,
    ),
  };
}
export type EdgeMetrics = ReturnType<typeof createEdgeMetrics>;
