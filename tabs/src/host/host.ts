/** What the app needs from wherever it runs: Microsoft Teams, or a plain browser in dev mode. */
export type ThemeName = 'default' | 'dark' | 'contrast';

export interface TabConfig {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

export interface HostInfo {
  kind: 'teams' | 'browser';
  locale: string | null;
  theme: ThemeName;
  /** Teams deep link target (context.page.subPageId), e.g. an action id. */
  subPageId: string | null;
  /** 'settings' on the configuration page, 'content' in a tab. */
  frameContext: string | null;
  /** The team (Microsoft 365 group) this tab lives in, to bind a new trajectory to it. */
  teamId: string | null;
  /** The channel this tab is added to (configuration page in a team): where the bot posts a bound body's agenda. */
  channel?: { id: string; name: string } | null;
  /** Inside a Teams meeting (side panel, details tab, meeting chat): its ids from app.getContext(). */
  meetingId?: string | null;
  chatId?: string | null;
  /** The signed-in Teams user (context.user.id), to remember their own choices on this device. */
  userId?: string | null;
}

export interface Host {
  info: HostInfo;
  getToken(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Tells Teams the first view is on screen; safe to call more than once. */
  notifyReady(): void;
  notifyFailure(message: string): void;
  /** App caching: Teams may keep the page and later load it for another tab instance. */
  enableCaching(onLoad: (contentUrl: string) => void, beforeUnload: () => void): void;
  config: {
    setValid(valid: boolean): void;
    onSave(handler: () => Promise<TabConfig>): void;
  } | null;
}

export function normaliseTheme(theme: string | undefined): ThemeName {
  return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
}

/**
 * Worth trying teams-js only when something can answer it: Teams desktop and web host tabs in
 * an iframe, the mobile clients inject a native bridge. A top-level browser tab skips it
 * and starts at once instead of waiting for the timeout.
 */
export function mightBeInTeams(): boolean {
  if (new URLSearchParams(window.location.search).get('host') === 'browser') return false;
  const bridge = (window as unknown as { nativeInterface?: unknown }).nativeInterface;
  return window.parent !== window || Boolean(bridge) || Boolean(window.opener);
}
