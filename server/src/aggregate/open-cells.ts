import { type Cell, cellId } from './cell.js';

/**
 * This instance's running totals of the cells still open for late summaries, and which of them
 * changed since they were last written to InfluxDB. Bounded by the late window and `maxCells`.
 */
export class OpenCells {
  private readonly cells = new Map<string, Cell>();
  private readonly dirty = new Set<string>();

  constructor(private readonly maxCells: number) {}

  get(id: string): Cell | undefined {
    return this.cells.get(id);
  }

  get size(): number {
    return this.cells.size;
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }

  hasRoomFor(id: string): boolean {
    return this.cells.has(id) || this.cells.size < this.maxCells;
  }

  /** Stores a newer total; `dirty` when it still has to be written. */
  set(cell: Cell, dirty: boolean): void {
    const id = cellId(cell);
    this.cells.set(id, cell);
    if (dirty) this.dirty.add(id);
  }

  /** Takes the changed cells for a write; give them back with `markDirty` if the write fails. */
  takeDirty(): Cell[] {
    const out: Cell[] = [];
    for (const id of this.dirty) {
      const cell = this.cells.get(id);
      if (cell) out.push(cell);
    }
    this.dirty.clear();
    return out;
  }

  markDirty(cells: Cell[]): void {
    for (const c of cells) this.dirty.add(cellId(c));
  }

  /** Forgets written cells whose bucket started before `cutoffMs`. */
  evictBefore(cutoffMs: number): number {
    let n = 0;
    for (const [id, cell] of this.cells) {
      if (cell.bucketStartMs < cutoffMs && !this.dirty.has(id)) {
        this.cells.delete(id);
        n += 1;
      }
    }
    return n;
  }

  /** Current cells of one site (for the live feed of this instance's share). */
  all(): IterableIterator<Cell> {
    return this.cells.values();
  }
}
