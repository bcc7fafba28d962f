import type { LiveMessage } from '@haltung/protocol';
import { useEffect, useState } from 'react';
import { useApi } from '../../lib/api-context.js';
import { LiveSocket, type LiveStatus } from '../../lib/live-socket.js';

/** The latest live bucket of a site and the connection state; reconnects until unmounted. */
export function useLive(site: string): { message: LiveMessage | null; status: LiveStatus } {
  const { api, createSocket } = useApi();
  const [message, setMessage] = useState<LiveMessage | null>(null);
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  const url = api.liveUrl(site);
  useEffect(() => {
    setMessage(null);
    const socket = new LiveSocket({
      url,
      createSocket,
      // The feed may carry several sites; keep the one shown.
      onMessage: (m) => {
        if (m.siteId === site) setMessage(m);
      },
      onStatus: setStatus,
    });
    socket.start();
    return () => socket.stop();
  }, [url, site, createSocket]);
  return { message, status };
}
