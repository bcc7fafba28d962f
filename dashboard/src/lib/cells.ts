import type { Cell } from '@haltung/protocol';

export const suppressedCell = (reason: 'below_k' | 'complementary' = 'below_k'): Cell => ({
  suppressed: true,
  reason,
});

export const valueCell = (value: number): Cell => ({ suppressed: false, value });

/** Sort key that puts suppressed cells last (they have no value to rank by). */
export function rankValue(cell: Cell): number {
  return cell.suppressed ? Number.NEGATIVE_INFINITY : cell.value;
}

/** Rate of several groups together: Σcount / Σworker-hours; suppressed if any part is. */
export function combineRate(parts: readonly { count: Cell; workerHours: Cell }[]): Cell {
  let count = 0;
  let hours = 0;
  for (const part of parts) {
    if (part.count.suppressed) return part.count;
    if (part.workerHours.suppressed) return part.workerHours;
    count += part.count.value;
    hours += part.workerHours.value;
  }
  return hours > 0 ? valueCell(count / hours) : suppressedCell('below_k');
}
