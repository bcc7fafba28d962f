import type { LiveMessage } from '@haltung/protocol';
import { useEffect, useState } from 'react';
import { useApi } from '../../lib/api-context.js';
import { LiveSocket, type LiveStatus } from '../../lib/live-socket.js';

/** The latest live bucket of a site and the connection state; reconnects until unmounted. */
export function useLive(site: string): {
  message: LiveMessage | null;
  status: LiveStatus;
  serverError: string | null;
} {
  const { api, createSocket } = useApi();
  const [message, setMessage] = useState<LiveMessage | null>(null);
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  // Set when the server could not build an update; cleared by the next good one.
  const [serverError, setServerError] = useState<string | null>(null);
  const url = api.liveUrl(site);
  useEffect(() => {
    setMessage(null);
    const socket = new LiveSocket({
      url,
      createSocket,
      // The feed may carry several sites; keep the one shown.
      onMessage: (m) => {
        if (m.siteId !== site) return;
        setMessage(m);
        setServerError(null);
      },
      onStatus: setStatus,
      onServerError: setServerError,
    });
    socket.start();
    return () => socket.stop();
  }, [url, site, createSocket]);
  return { message, status, serverError };
}
