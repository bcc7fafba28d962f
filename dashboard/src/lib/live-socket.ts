import { type LiveMessage, liveMessageSchema } from '@haltung/protocol';

/** What the live view shows about the connection. */
export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'retrying'; retryInMs: number; attempt: number };

/** The part of a browser WebSocket the manager uses (tests pass their own). */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface LiveSocketOptions {
  url: string;
  onMessage: (message: LiveMessage) => void;
  onStatus: (status: LiveStatus) => void;
  /** The server says it could not produce an update (e.g. `DATABASE_UNAVAILABLE`). */
  onServerError?: (code: string) => void;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt n (1-based); defaults to reconnectDelayMs. */
  delayMs?: (attempt: number) => number;
}

/** Exponential back-off, 1 s doubling up to 30 s, so a restarted server is not stormed. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** Decodes one live frame; never throws, a bad frame is null (and counted by the caller). */
export function decodeLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = liveMessageSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The server's `{ type: 'error', code }` frame, sent instead of an update it could not build. */
export function decodeLiveError(data: unknown): string | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'type' in value && value.type === 'error') {
      return 'code' in value && typeof value.code === 'string' ? value.code : 'UNKNOWN';
    }
  } catch {
    // Not JSON: counted as dropped by the caller.
  }
  return null;
}

/**
 * One live connection with reconnect: after any close it waits (with back-off) and opens a new
 * socket, until stop(). A successful open resets the back-off.
 */
export class LiveSocket {
  #socket: SocketLike | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #stopped = false;
  /** Frames that failed to parse; shown for diagnosis, never thrown. */
  dropped = 0;

  constructor(private readonly options: LiveSocketOptions) {}

  start(): void {
    this.#stopped = false;
    this.#open();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'view closed');
    }
  }

  #open(): void {
    const { url, createSocket = (u) => new WebSocket(u), onStatus, onMessage } = this.options;
    onStatus({ state: 'connecting' });
    let socket: SocketLike;
    try {
      socket = createSocket(url);
    } catch {
      this.#retry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      onStatus({ state: 'open' });
    };
    socket.onmessage = (event) => {
      const message = decodeLiveMessage(event.data);
      if (message) {
        onMessage(message);
        return;
      }
      const code = decodeLiveError(event.data);
      if (code) this.options.onServerError?.(code);
      else this.dropped += 1;
    };
    // An error is always followed by a close, which schedules the retry.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.#socket === socket) this.#socket = null;
      this.#retry();
    };
  }

  #retry(): void {
    if (this.#stopped) return;
    this.#attempt += 1;
    const retryInMs = (this.options.delayMs ?? reconnectDelayMs)(this.#attempt);
    this.options.onStatus({ state: 'retrying', retryInMs, attempt: this.#attempt });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (!this.#stopped) this.#open();
    }, retryInMs);
  }
}
