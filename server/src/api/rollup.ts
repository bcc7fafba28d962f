import type { Cell, HazardType } from '@haltung/protocol';
import { type BaseCell, hazardCount } from '../privacy/base-cell.js';
import { type Protector, ratePerHour, shown } from '../privacy/protector.js';

export type Figures = { count: Cell; workerHours: Cell; rate: Cell };

/** Count, worker-hours and rate of a roll-up, over its parts that pass k only. */
export function figures(p: Protector, parts: BaseCell[], key: string, hazard?: HazardType): Figures {
  const gate = p.gate(parts);
  if (!gate.ok) return { count: gate.cell, workerHours: gate.cell, rate: gate.cell };
  const count = p.count(
    sum(gate.parts, (c) => hazardCount(c, hazard)),
    `${key}|count`,
  );
  const hours =
    p.seconds(
      sum(gate.parts, (c) => c.observedS),
      `${key}|observed`,
    ) / 3600;
  return { count: shown(count, 0), workerHours: shown(hours), rate: shown(ratePerHour(count, hours)) };
}

export const sum = (cells: BaseCell[], f: (c: BaseCell) => number) => cells.reduce((a, c) => a + f(c), 0);

export function groupBy<K>(cells: BaseCell[], key: (c: BaseCell) => K): Map<K, BaseCell[]> {
  const out = new Map<K, BaseCell[]>();
  for (const c of cells) {
    const k = key(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

export const zonesOf = (cells: BaseCell[]) => [...new Set(cells.map((c) => c.zoneId))].sort();
