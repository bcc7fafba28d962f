/**
 * Runs `task` every `intervalMs`; after a failure it waits twice as long each time (from 500 ms up
 * to `maxBackoffMs`) until the task succeeds again. `wake()` runs it early; `stop()` ends the loop.
 */
export class BackoffLoop {
  private wakeUp: (() => void) | null = null;
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly maxBackoffMs: number,
    private readonly onError: (error: Error, retryInMs: number) => void,
  ) {
    this.running = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    let delayMs = this.intervalMs;
    while (!this.stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
      if (this.stopped) break;
      try {
        await this.task();
        delayMs = this.intervalMs;
      } catch (error) {
        delayMs = Math.min(Math.max(delayMs * 2, 500), this.maxBackoffMs);
        this.onError(error as Error, delayMs);
      }
    }
  }
}
