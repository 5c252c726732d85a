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

const editorRoles = new Set(['coordinator', 'chair', 'facilitator', 'work_group_chair', 'work_group_member', 'action_owner']);

/** Whether to offer editing at all; the server still decides per item (403 is shown as a message). */
export function canEditWith(roles: readonly string[] | undefined): boolean {
  return Boolean(roles?.some((r) => editorRoles.has(r)));
}
