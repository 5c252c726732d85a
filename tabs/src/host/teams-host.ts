import { normaliseTheme, type Host, type TabConfig, type ThemeName } from './host';

const INITIALIZE_TIMEOUT_MS = 1000;
/** Renew the SSO token a little before it expires rather than asking Teams for every request. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

/**
 * Connects to Teams with teams-js, or answers null when no Teams host replies within a second
 * (the page then runs as a plain web app). teams-js is loaded only here, so a browser never
 * downloads it.
 */
export async function connectTeams(): Promise<Host | null> {
  let teams: typeof import('@microsoft/teams-js');
  try {
    teams = await import('@microsoft/teams-js');
    await withTimeout(teams.app.initialize(), INITIALIZE_TIMEOUT_MS);
  } catch {
    return null;
  }
  teams.app.notifyAppLoaded();
  const context = await teams.app.getContext();
  const { app, authentication, pages, teamsCore } = teams;

  let cached: { token: string; expires: number } | null = null;
  let pending: Promise<string> | null = null;
  const getToken = async (): Promise<string> => {
    if (cached && cached.expires - TOKEN_MARGIN_MS > Date.now()) return cached.token;
    pending ??= authentication
      .getAuthToken()
      .then((token) => {
        cached = { token, expires: expiryOf(token) };
        return token;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  let notified = false;
  const frameContext: string | null = context.page.frameContext ?? null;
  const isConfig = frameContext === 'settings';

  return {
    info: {
      kind: 'teams',
      locale: context.app.locale ?? null,
      theme: normaliseTheme(context.app.theme),
      subPageId: context.page.subPageId || null,
      frameContext,
      teamId: context.team?.groupId ?? null,
      channel: context.channel?.id ? { id: context.channel.id, name: context.channel.displayName ?? '' } : null,
      meetingId: context.meeting?.id ?? null,
      chatId: context.chat?.id ?? null,
      userId: context.user?.id ?? null,
    },
    getToken,
    onThemeChange(handler: (theme: ThemeName) => void) {
      app.registerOnThemeChangeHandler((theme) => handler(normaliseTheme(theme)));
    },
    notifyReady() {
      if (notified) return;
      notified = true;
      void app.notifySuccess();
    },
    notifyFailure(message: string) {
      if (notified) return;
      notified = true;
      app.notifyFailure({ reason: app.FailedReason.Other, message });
    },
    enableCaching(onLoad, beforeUnload) {
      if (isConfig || !teamsCore.isSupported()) return;
      try {
        teamsCore.registerOnLoadHandler((load) => {
          onLoad(load.contentUrl);
          // A cached page is already rendered: it is ready as soon as it has routed.
          void app.notifySuccess();
        });
        teamsCore.registerBeforeUnloadHandler((readyToUnload) => {
          beforeUnload();
          cached = null;
          readyToUnload();
          return true;
        });
      } catch {
        // Hosts without app caching simply reload the page each time.
      }
    },
    config: isConfig
      ? {
          setValid(valid: boolean) {
            pages.config.setValidityState(valid);
          },
          onSave(handler: () => Promise<TabConfig>) {
            pages.config.registerOnSaveHandler((event) => {
              handler()
                .then((config) => pages.config.setConfig(config))
                .then(() => event.notifySuccess())
                .catch((error: unknown) => event.notifyFailure(error instanceof Error ? error.message : String(error)));
            });
          },
        }
      : null,
  };
}
