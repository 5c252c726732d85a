import type { DevUser } from '../api/types';

/** Outside Teams (dev mode only): who the tester chose to be, for this browser tab. */
export interface DevIdentity {
  tenantId: string;
  userId: string;
  name: string;
}

const KEY = 'kansrijk.devUser';

export function storedDevUser(): DevIdentity | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<DevIdentity>;
    return value.tenantId && value.userId && value.name ? { tenantId: value.tenantId, userId: value.userId, name: value.name } : null;
  } catch {
    return null;
  }
}

export function storeDevUser(user: DevIdentity | null): void {
  sessionStorage.removeItem('kansrijk.devToken');
  if (user) sessionStorage.setItem(KEY, JSON.stringify({ tenantId: user.tenantId, userId: user.userId, name: user.name }));
  else sessionStorage.removeItem(KEY);
}

/** null when the server has no dev sign-in (production): the app must be opened in Teams. */
export async function listDevUsers(): Promise<DevUser[] | null> {
  const response = await fetch('/dev/users');
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`dev users: HTTP ${response.status}`);
  return (await response.json()) as DevUser[];
}

const TOKEN_KEY = 'kansrijk.devToken';
/** Dev tokens live 12 hours; take a new one well before. */
const TOKEN_REUSE_MS = 60 * 60 * 1000;

function storedToken(user: DevIdentity): string | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null') as { userId?: string; tenantId?: string; token?: string; at?: number } | null;
    if (saved?.token && saved.userId === user.userId && saved.tenantId === user.tenantId && Date.now() - (saved.at ?? 0) < TOKEN_REUSE_MS) return saved.token;
  } catch {
    // A damaged entry is simply replaced.
  }
  return null;
}

/** A page reload in the same tab reuses the token instead of asking for a new one first. */
export function devTokenSource(user: DevIdentity): () => Promise<string> {
  const saved = storedToken(user);
  let token: Promise<string> | null = saved ? Promise.resolve(saved) : null;
  return () => {
    token ??= fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: user.tenantId, userId: user.userId, name: user.name }),
    }).then(async (response) => {
      if (!response.ok) {
        token = null;
        throw new Error(`dev token: HTTP ${response.status}`);
      }
      const value = ((await response.json()) as { token: string }).token;
      sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ tenantId: user.tenantId, userId: user.userId, token: value, at: Date.now() }));
      return value;
    });
    return token;
  };
}
