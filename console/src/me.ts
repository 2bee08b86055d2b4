import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { Me } from './api';

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in console');
  return me;
}

/** Decisions on flags are the auditors' alone: the console shows their buttons to no one else. */
export const canDecide = (me: Me) => me.role === 'auditor';
export const canGenerateReports = (me: Me) => me.role === 'auditor';
export const canReadAuditLog = (me: Me) => me.role === 'auditor' || me.role === 'admin';
