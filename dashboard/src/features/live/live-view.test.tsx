import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeSockets } from '../../test/fake-socket.js';
import * as fx from '../../test/fixtures.js';
import { renderApp } from '../../test/render-app.js';

describe('live view', () => {
  it('shows the current bucket per zone as it arrives, with the token and site on the socket URL', async () => {
    const { sockets, create } = fakeSockets();
    renderApp({ view: 'live', createSocket: create });
    expect(await screen.findByText(/Waiting for the first bucket/)).toBeTruthy();
    const socket = sockets.at(-1);
    const url = new URL(socket?.url ?? '');
    expect(url.protocol).toBe('ws:');
    expect(url.pathname).toBe('/api/v1/live');
    expect(url.searchParams.get('site')).toBe(fx.SITE);
    expect(url.searchParams.get('token')).toBe('token-of-safety_officer-0123456789');

    act(() => {
      socket?.open();
      socket?.deliver(fx.liveMessage);
    });
    expect(screen.getByText('Connected')).toBeTruthy();
    const bucket = screen.getByRole('region', { name: /Bucket from/ });
    const goodsIn = within(bucket).getByRole('rowheader', { name: 'goods-in' }).closest('tr') as HTMLElement;
    expect(within(goodsIn).getByText('2.5 hours')).toBeTruthy();
    expect(within(goodsIn).getByText('4')).toBeTruthy();
    const packing = within(bucket).getByRole('rowheader', { name: 'packing' }).closest('tr') as HTMLElement;
    expect(within(packing).getAllByText(/fewer than 5 workers/)).toHaveLength(2);

    act(() =>
      socket?.deliver({
        ...fx.liveMessage,
        zones: [{ ...fx.liveMessage.zones[0], workerHours: { suppressed: false, value: 3 } }],
      }),
    );
    expect(within(screen.getByRole('region', { name: /Bucket from/ })).getByText('3 hours')).toBeTruthy();
  });

  it('says it is reconnecting when the connection drops, and keeps the last bucket', async () => {
    const { sockets, create } = fakeSockets();
    renderApp({ view: 'live', createSocket: create, language: 'de' });
    await screen.findByText(/Warte auf das erste Intervall/);
    const first = sockets.at(-1);
    act(() => {
      first?.open();
      first?.deliver(fx.liveMessage);
      first?.drop();
    });
    expect(screen.getByText(/Verbindung unterbrochen — neuer Versuch in 1 s/)).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'goods-in' })).toBeTruthy();
  });

  it('warns that the figures may be old while the server cannot read its database', async () => {
    const { sockets, create } = fakeSockets();
    renderApp({ view: 'live', createSocket: create });
    await screen.findByText(/Waiting for the first bucket/);
    const socket = sockets.at(-1);
    act(() => {
      socket?.open();
      socket?.deliver(fx.liveMessage);
      socket?.deliver({ type: 'error', code: 'DATABASE_UNAVAILABLE' });
    });
    expect(screen.getByRole('alert').textContent).toContain('may be out of date');
    expect(screen.getByRole('rowheader', { name: 'goods-in' })).toBeTruthy();
    act(() => socket?.deliver(fx.liveMessage));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
