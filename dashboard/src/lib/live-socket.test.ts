import { liveMessageSchema } from '@haltung/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSockets } from '../test/fake-socket.js';
import * as fx from '../test/fixtures.js';
import { decodeLiveMessage, LiveSocket, type LiveStatus, reconnectDelayMs } from './live-socket.js';

describe('live socket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes on valid frames, reports the server’s error frames and drops malformed ones without failing', () => {
    expect(liveMessageSchema.parse(fx.liveMessage)).toEqual(fx.liveMessage);
    const { sockets, create } = fakeSockets();
    const messages: unknown[] = [];
    const errors: string[] = [];
    const live = new LiveSocket({
      url: 'ws://x/live',
      createSocket: create,
      onMessage: (m) => messages.push(m),
      onStatus: () => {},
      onServerError: (code) => errors.push(code),
    });
    live.start();
    sockets[0]?.open();
    sockets[0]?.deliver(fx.liveMessage);
    sockets[0]?.deliver('not json');
    sockets[0]?.deliver({ type: 'error', code: 'DATABASE_UNAVAILABLE' });
    sockets[0]?.deliver({ ...fx.liveMessage, zones: 'none' });
    expect(messages).toEqual([fx.liveMessage]);
    expect(errors).toEqual(['DATABASE_UNAVAILABLE']);
    expect(live.dropped).toBe(2);
    expect(decodeLiveMessage(new ArrayBuffer(2))).toBeNull();
    live.stop();
  });

  it('reconnects with growing delays after the connection drops, and resets after a good connection', () => {
    const { sockets, create } = fakeSockets();
    const statuses: LiveStatus[] = [];
    const live = new LiveSocket({
      url: 'ws://x/live',
      createSocket: create,
      onMessage: () => {},
      onStatus: (s) => statuses.push(s),
    });
    live.start();
    sockets[0]?.drop();
    expect(statuses.at(-1)).toEqual({ state: 'retrying', retryInMs: 1000, attempt: 1 });
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    sockets[1]?.drop();
    expect(statuses.at(-1)).toEqual({ state: 'retrying', retryInMs: 2000, attempt: 2 });
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sockets[2]?.open();
    expect(statuses.at(-1)).toEqual({ state: 'open' });
    sockets[2]?.drop();
    expect(statuses.at(-1)).toEqual({ state: 'retrying', retryInMs: 1000, attempt: 1 });
    live.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(3);
  });

  it('caps the back-off at 30 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(reconnectDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});
