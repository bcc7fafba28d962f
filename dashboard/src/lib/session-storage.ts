import { ROLES, type Role } from '@haltung/protocol';

/** A signed-in role account. The token is kept per browser tab (sessionStorage), never longer. */
export interface Session {
  token: string;
  role: Role;
}

const KEY = 'haltung.session';

export function loadSession(storage: Storage | undefined = globalThis.sessionStorage): Session | null {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (
      typeof value === 'object' &&
      value !== null &&
      'token' in value &&
      'role' in value &&
      typeof value.token === 'string' &&
      (ROLES as readonly unknown[]).includes(value.role)
    ) {
      return { token: value.token, role: value.role as Role };
    }
  } catch {
    // Unreadable or disabled storage: sign in again.
  }
  return null;
}

export function saveSession(
  session: Session | null,
  storage: Storage | undefined = globalThis.sessionStorage,
) {
  try {
    if (session) storage?.setItem(KEY, JSON.stringify(session));
    else storage?.removeItem(KEY);
  } catch {
    // Storage disabled: the session lasts until the page is reloaded.
  }
}
