import { describe, expect, inject, it } from 'vitest';

const influxUrl = () => inject('influxUrl');

async function influxql(q: string, db?: string) {
  const params = new URLSearchParams({ q, epoch: 'ms', ...(db ? { db } : {}) });
  const res = await fetch(`${influxUrl()}/query`, { method: 'POST', body: params });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    results: Array<{
      error?: string;
      series?: Array<{ name: string; columns: string[]; values: unknown[][] }>;
    }>;
  };
}

describe('InfluxDB through its v1 HTTP API', () => {
  it('stores a line-protocol point and returns it to an InfluxQL query', async () => {
    const db = `services_test_${Date.now()}`;
    await influxql(`CREATE DATABASE "${db}"`);
    const t = 1_700_000_000_000;
    const write = await fetch(`${influxUrl()}/write?db=${db}&precision=ms`, {
      method: 'POST',
      body: `hazards,site=s1,zone=z1,hazard=trunk_flexion_held,severity=warning count=3i,contributors=6i ${t}`,
    });
    expect(write.status).toBe(204);
    const answer = await influxql('SELECT "count", "contributors", "zone" FROM "hazards"', db);
    expect(answer.results[0]?.series?.[0]?.values).toEqual([[t, 3, 6, 'z1']]);
    await influxql(`DROP DATABASE "${db}"`);
  });

  it('rejects a malformed line with a 400 that names the problem', async () => {
    const db = `services_test_bad_${Date.now()}`;
    await influxql(`CREATE DATABASE "${db}"`);
    const res = await fetch(`${influxUrl()}/write?db=${db}`, { method: 'POST', body: 'hazards count=' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/unable to parse/);
    await influxql(`DROP DATABASE "${db}"`);
  });
});
