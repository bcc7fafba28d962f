import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP port in front of a real broker that can be switched between "down" (connections are
 * refused at once) and "up" (forwarded), to test an unreachable site broker at a fixed URL.
 */
export class TcpForwarder {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  up = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async listen(): Promise<string> {
    const server = createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Takes the "broker" down: cuts every open connection and refuses new ones. */
  down(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
