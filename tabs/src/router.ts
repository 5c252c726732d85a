import { useSyncExternalStore } from 'react';

/** Hash routes, so that Teams' contentUrl and deep links can point at any view of the one page. */
export type Route =
  | { name: 'home' }
  | { name: 'config' }
  | { name: 'myActions' }
  | { name: 'overview'; trajectoryId: string }
  | { name: 'plan'; trajectoryId: string; actionId: string | null; query: URLSearchParams }
  | { name: 'board'; trajectoryId: string; domainId: string | null }
  | { name: 'members'; trajectoryId: string; query: URLSearchParams }
  | { name: 'phases'; trajectoryId: string }
  | { name: 'context'; trajectoryId: string }
  | { name: 'inventory'; trajectoryId: string }
  | { name: 'focusGroups'; trajectoryId: string; focusGroupId: string | null }
  | { name: 'steering'; trajectoryId: string; session: number | null }
  | { name: 'evaluation'; trajectoryId: string; domainId: string | null }
  | { name: 'questionnaires'; trajectoryId: string; questionnaireId: string | null }
  | { name: 'meetings'; trajectoryId: string; query: URLSearchParams }
  | { name: 'meeting'; trajectoryId: string; meetingId: string }
  | { name: 'outbox'; trajectoryId: string }
  | { name: 'audit'; trajectoryId: string; query: URLSearchParams }
  | { name: 'reports'; trajectoryId: string; reportId: string | null };

export type RouteName = Route['name'];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'config') return { name: 'config' };
  if (parts[0] === 'my-actions') return { name: 'myActions' };
  if (parts[0] === 't' && parts[1]) {
    const trajectoryId = parts[1];
    switch (parts[2]) {
      case 'plan':
        return { name: 'plan', trajectoryId, actionId: null, query };
      case 'actions':
        return { name: 'plan', trajectoryId, actionId: parts[3] ?? null, query };
      case 'board':
        return { name: 'board', trajectoryId, domainId: parts[3] ?? null };
      case 'members':
        return { name: 'members', trajectoryId, query };
      case 'phases':
        return { name: 'phases', trajectoryId };
      case 'context':
        return { name: 'context', trajectoryId };
      case 'inventory':
        return { name: 'inventory', trajectoryId };
      case 'focus-groups':
        return { name: 'focusGroups', trajectoryId, focusGroupId: parts[3] ?? null };
      case 'evaluation':
        return { name: 'evaluation', trajectoryId, domainId: parts[3] ?? null };
      case 'questionnaires':
        return { name: 'questionnaires', trajectoryId, questionnaireId: parts[3] ?? null };
      case 'meetings':
        return parts[3] ? { name: 'meeting', trajectoryId, meetingId: parts[3] } : { name: 'meetings', trajectoryId, query };
      case 'outbox':
        return { name: 'outbox', trajectoryId };
      case 'audit':
        return { name: 'audit', trajectoryId, query };
      case 'reports':
        return { name: 'reports', trajectoryId, reportId: parts[3] ?? null };
      case 'steering': {
        const session = Number(parts[3]);
        return { name: 'steering', trajectoryId, session: Number.isInteger(session) && session >= 1 && session <= 3 ? session : null };
      }
      default:
        return { name: 'overview', trajectoryId };
    }
  }
  return { name: 'home' };
}

export const paths = {
  overview: (t: string) => `#/t/${t}/overview`,
  plan: (t: string, query?: Record<string, string>) => `#/t/${t}/plan${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
  action: (t: string, actionId: string) => `#/t/${t}/actions/${actionId}`,
  board: (t: string, domainId?: string) => `#/t/${t}/board${domainId ? `/${domainId}` : ''}`,
  members: (t: string, query?: Record<string, string>) => `#/t/${t}/members${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
  phases: (t: string) => `#/t/${t}/phases`,
  context: (t: string) => `#/t/${t}/context`,
  inventory: (t: string) => `#/t/${t}/inventory`,
  focusGroups: (t: string, focusGroupId?: string) => `#/t/${t}/focus-groups${focusGroupId ? `/${focusGroupId}` : ''}`,
  steering: (t: string, session?: number) => `#/t/${t}/steering${session ? `/${session}` : ''}`,
  evaluation: (t: string, domainId?: string) => `#/t/${t}/evaluation${domainId ? `/${domainId}` : ''}`,
  questionnaires: (t: string, questionnaireId?: string) => `#/t/${t}/questionnaires${questionnaireId ? `/${questionnaireId}` : ''}`,
  meetings: (t: string, query?: Record<string, string>) => `#/t/${t}/meetings${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
  /** `current`: inside a Teams meeting, the Kansrijk meeting it belongs to (or today's, to pick from). */
  meeting: (t: string, meetingId: string) => `#/t/${t}/meetings/${encodeURIComponent(meetingId)}`,
  outbox: (t: string) => `#/t/${t}/outbox`,
  /** `entity`/`entityId`: one entity's history (a person's, a body's…). */
  audit: (t: string, query?: { entity: string; entityId?: string }) => `#/t/${t}/audit${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
  reports: (t: string) => `#/t/${t}/reports`,
  report: (t: string, reportId: string) => `#/t/${t}/reports/${encodeURIComponent(reportId)}`,
  myActions: () => '#/my-actions',
  config: () => '#/config',
  home: () => '#/',
};

export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.location.replace(hash);
  else window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
