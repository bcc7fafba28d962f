/** Remembers the last `capacity` message ids (FIFO) to drop MQTT redeliveries. */
export class MsgIdMemory {
  private readonly ids = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity: number) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    this.order.push(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.order[this.head++];
      if (oldest !== undefined) this.ids.delete(oldest);
      if (this.head > this.capacity) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
