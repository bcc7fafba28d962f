/** Most events one rule remembers; far beyond any physical rate over an hour. */
const MAX_EVENTS = 10_000;

/** Times of recent events within a sliding window (ms), oldest first. */
export class EventWindow {
  private times: number[] = [];

  constructor(private readonly windowMs: number) {}

  add(tMs: number): void {
    this.times.push(tMs);
    if (this.times.length > MAX_EVENTS) this.times.shift();
  }

  /** Events in (tMs − window, tMs]; forgets older ones. */
  count(tMs: number): number {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= tMs - this.windowMs) drop++;
    if (drop > 0) this.times.splice(0, drop);
    return this.times.length;
  }
}
