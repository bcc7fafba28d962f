/** Thrown for any failed InfluxDB call; `status` is the HTTP status, or 0 when it did not answer. */
export class InfluxError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'InfluxError';
    this.status = status;
  }
}

export interface InfluxOptions {
  url: string;
  database: string;
  username?: string;
  password?: string;
  timeoutMs: number;
}

/** One InfluxQL series as the v1 `/query` API returns it. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

/**
 * Minimal client for InfluxDB's v1 HTTP API (line protocol on `/write`, InfluxQL on `/query`),
 * which 1.x serves natively and 2.x/3.x through their compatibility endpoints.
 */
export class InfluxClient {
  constructor(private readonly options: InfluxOptions) {}

  get database(): string {
    return this.options.database;
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(`${this.options.url}/ping`, { signal: AbortSignal.timeout(1000) });
      return res.status === 204 || res.ok;
    } catch {
      return false;
    }
  }

  /** Writes line-protocol points with millisecond timestamps into `rp`. */
  async write(lines: string[], rp: string): Promise<void> {
    if (lines.length === 0) return;
    const params = this.params({ db: this.options.database, rp, precision: 'ms' });
    await this.call(`/write?${params}`, { method: 'POST', body: lines.join('\n') });
  }

  /** Runs InfluxQL statements; returns the series of each statement (in order). */
  async query(q: string, options: { db?: boolean; post?: boolean } = {}): Promise<InfluxSeries[][]> {
    const params = this.params({
      ...(options.db === false ? {} : { db: this.options.database }),
      q,
      epoch: 'ms',
    });
    const res = await this.call(options.post ? '/query' : `/query?${params}`, {
      method: options.post ? 'POST' : 'GET',
      ...(options.post
        ? { body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
    });
    const body = (await res.json()) as { results?: { series?: InfluxSeries[]; error?: string }[] };
    return (body.results ?? []).map((r) => {
      if (r.error) throw new InfluxError(`InfluxQL error: ${r.error}`, 200);
      return r.series ?? [];
    });
  }

  private params(values: Record<string, string>): string {
    const p = new URLSearchParams(values);
    if (this.options.username) p.set('u', this.options.username);
    if (this.options.password) p.set('p', this.options.password);
    return p.toString();
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.options.url}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new InfluxError(`InfluxDB at ${this.options.url} unreachable: ${(error as Error).message}`, 0);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new InfluxError(`InfluxDB answered ${res.status}: ${text.slice(0, 300)}`, res.status);
    }
    return res;
  }
}

/** Rows of a series as objects keyed by column name. */
export function rows(series: InfluxSeries): Record<string, unknown>[] {
  return series.values.map((v) => Object.fromEntries(series.columns.map((c, i) => [c, v[i]])));
}
