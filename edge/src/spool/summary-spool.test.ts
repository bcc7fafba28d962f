import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketLedger } from '../summary/bucket-ledger.js';
import { buildSummary } from '../summary/build-summary.js';
import { SummarySpool } from './summary-spool.js';

const summary = (zone: string) => {
  const ledger = new BucketLedger(300);
  const counts = ledger.at(zone, 1_700_000_100_000);
  if (counts) counts.observedSeconds = 10;
  return buildSummary(ledger.closeAll()[0] as never, 'site', 'heuristic-1');
};

describe('SummarySpool', () => {
  it('keeps summaries on disk in order across a restart until they are removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-spool-'));
    const first = new SummarySpool(dir, 100);
    const a = summary('a');
    const b = summary('b');
    first.enqueue(a);
    first.enqueue(b);
    const again = new SummarySpool(dir, 100);
    expect(again.peek(10).map((s) => s.summary)).toEqual([a, b]);
    const [head] = again.peek(1);
    again.remove(head?.name as string);
    expect(new SummarySpool(dir, 100).peek(10).map((s) => s.summary.msgId)).toEqual([b.msgId]);
  });

  it('drops the oldest when full and removes corrupt or half-written files, counting each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-spool-'));
    const dropped: string[] = [];
    const spool = new SummarySpool(dir, 2, (_name, why) => dropped.push(why));
    spool.enqueue(summary('a'));
    spool.enqueue(summary('b'));
    spool.enqueue(summary('c'));
    expect(spool.peek(10).map((s) => s.summary.zoneId)).toEqual(['b', 'c']);
    writeFileSync(join(dir, '000000000000000-999999-x.json'), '{"v":1');
    writeFileSync(join(dir, 'half.json.tmp'), '{');
    const reopened = new SummarySpool(dir, 10, (_name, why) => dropped.push(why));
    expect(reopened.peek(10).map((s) => s.summary.zoneId)).toEqual(['b', 'c']);
    expect(dropped).toEqual(['full', 'corrupt']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
