import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; otherwise a line every 10 % (CI logs, pipes).
 * `format` may use {value}, {total}, {percentage}, {eta_formatted} and payload keys.
 */
export function createProgress(total: number, format: string, unit = ''): Progress {
  if (total <= 0) return statusLine(format);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `[{bar}] {percentage}% | ${format} | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, {});
    return { update: (v, p) => bar.update(v, p ?? {}), stop: () => bar.stop() };
  }
  let nextTenth = 1;
  return {
    update(v) {
      while (total > 0 && v >= (nextTenth * total) / 10 && nextTenth <= 10) {
        process.stderr.write(`${nextTenth * 10}% (${Math.round(v)}/${Math.round(total)}${unit})\n`);
        nextTenth++;
      }
    },
    stop() {},
  };
}

/** Open-ended runs (no known total): a status line on a terminal, a line a minute otherwise. */
function statusLine(format: string): Progress {
  let lastLogMs = 0;
  const render = (value: number, payload: Record<string, string | number> = {}) =>
    format.replace(/\{(\w+)\}/g, (_, k: string) =>
      String(k === 'value' ? value : k === 'total' ? '?' : (payload[k] ?? '')),
    );
  return {
    update(value, payload) {
      if (process.stderr.isTTY) process.stderr.write(`\r${render(value, payload)}   `);
      else if (performance.now() - lastLogMs > 60_000) {
        lastLogMs = performance.now();
        process.stderr.write(`${render(value, payload)}\n`);
      }
    },
    stop() {
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}
