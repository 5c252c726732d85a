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
