import type { Trajectory } from './api/types';
import { createContext, useContext } from 'react';
import type { Api } from './api/client';
import type { Host, HostInfo } from './host/host';

export interface AppContextValue {
  api: Api;
  host: Host | null;
  hostInfo: HostInfo;
  userName: string;
  /** Says something to screen-reader users through the shared polite live region. */
  announce(message: string): void;
  /** The first view calls this once it shows its data, so that Teams hides its loading screen. */
  markReady(): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}

/**
 * Whether to offer editing at all, from what the server says the caller may do: a trajectory-wide
 * right, a work group's domain, or actions of their own. The server still decides per item (a 403
 * is shown as a message).
 */
export function canEditWith(access: Pick<Trajectory, 'permissions' | 'workGroupDomainIds' | 'roles'> | undefined): boolean {
  if (!access) return false;
  return access.permissions.includes('domain.edit') || access.permissions.includes('action.report') || access.workGroupDomainIds.length > 0 || access.roles.includes('action_owner');
}
