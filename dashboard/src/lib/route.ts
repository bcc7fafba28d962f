import type { Role } from '@haltung/protocol';
import { useEffect, useState } from 'react';

export const VIEWS = ['overview', 'zones', 'live', 'transparency', 'settings'] as const;
export type View = (typeof VIEWS)[number];

/** Which role sees which view. Transparency is for everyone; settings only for admins. */
const ACCESS: Record<View, readonly Role[]> = {
  overview: ['safety_officer', 'admin'],
  zones: ['safety_officer', 'admin'],
  live: ['safety_officer', 'admin'],
  transparency: ['safety_officer', 'works_council', 'admin'],
  settings: ['admin'],
};

export function viewsFor(role: Role): View[] {
  return VIEWS.filter((v) => ACCESS[v].includes(role));
}

function viewFromHash(hash: string): View | null {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : null;
}

/** The current view from the URL hash (#/zones), so views are bookmarkable and Back works. */
export function useHashView(): View | null {
  const [view, setView] = useState(() => viewFromHash(globalThis.location?.hash ?? ''));
  useEffect(() => {
    const onChange = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return view;
}
