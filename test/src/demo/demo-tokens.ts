import type { Role } from '@haltung/protocol';

/**
 * The demo's API tokens, one per role. Printed at start so a visitor can sign in; a real site sets
 * its own with HALTUNG_SERVER_TOKENS or the config file.
 */
export const DEMO_TOKENS: ReadonlyArray<{ name: string; role: Role; token: string }> = [
  { name: 'demo-safety', role: 'safety_officer', token: 'demo-safety-officer-token' },
  { name: 'demo-council', role: 'works_council', token: 'demo-works-council-token' },
  { name: 'demo-admin', role: 'admin', token: 'demo-admin-token-change-me' },
];

/** In the HALTUNG_SERVER_TOKENS form `name:role:token,…`. */
export const tokensEnv = (): string => DEMO_TOKENS.map((t) => `${t.name}:${t.role}:${t.token}`).join(',');
