export const ROLES = ['admin', 'clerk', 'finance', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: an authenticated user, or the service itself (bootstrap, scheduled rules). */
export interface Actor {
  id: string;
  name: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'system', role: 'system' };
