import type { User } from '@microsoft/microsoft-graph-types';
import type { Config } from '../config/config';
import { createGraphClient, graphCall, type GraphClient } from '../graph/graph-client';
import { onBehalfOfTokenProvider } from '../graph/graph-credentials';

/*
 * The people picker: whom the signed-in coordinator can find in their organisation's directory.
 * Always with the caller's own delegated rights (on behalf of their Teams SSO token): they see
 * exactly the directory they already see in Teams, and the app holds no tenant-wide read of users.
 */

export interface DirectoryUser {
  id: string;
  displayName: string;
  mail: string | null;
}

export interface PeopleDirectory {
  search(userAssertion: string, text: string): Promise<DirectoryUser[]>;
  read(userAssertion: string, id: string): Promise<DirectoryUser | undefined>;
}

/** Only the basic profile, which User.ReadBasic.All covers. */
const SELECT = 'id,displayName,mail,userPrincipalName';

function userOf(user: User): DirectoryUser | undefined {
  if (!user.id || !user.displayName) return undefined;
  return { id: user.id, displayName: user.displayName, mail: user.mail ?? null };
}

/**
 * A $search clause value is a quoted string; Graph reads `"` and `\` inside it as syntax, so
 * they are dropped rather than escaped (nobody searches for them in a name).
 */
export function searchClause(text: string): string {
  const clean = text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
  return `"displayName:${clean}" OR "mail:${clean}"`;
}

export function directoryWith(clientFor: (userAssertion: string) => GraphClient): PeopleDirectory {
  return {
    async search(userAssertion, text) {
      // $search on directory objects is an advanced query: Graph refuses it without ConsistencyLevel: eventual.
      const body = await graphCall<{ value?: User[] }>(clientFor(userAssertion), 'people.search-users', {
        method: 'GET',
        path: '/users',
        query: { $search: searchClause(text), $select: SELECT, $top: '10', $count: 'true' },
        headers: { ConsistencyLevel: 'eventual' },
      });
      return (body.value ?? []).map(userOf).filter((u): u is DirectoryUser => u !== undefined);
    },
    async read(userAssertion, id) {
      const user = await graphCall<User>(clientFor(userAssertion), 'people.read-user', {
        method: 'GET',
        path: `/users/${encodeURIComponent(id)}`,
        query: { $select: SELECT },
      });
      return userOf(user);
    },
  };
}

/** The directory when Graph is configured, else undefined (then people are invited by e-mail address). */
export function peopleDirectory(config: Config): PeopleDirectory | undefined {
  const graph = config.graph;
  if (!graph) return undefined;
  return directoryWith((assertion) => createGraphClient({ baseUrl: graph.baseUrl, tokenProvider: onBehalfOfTokenProvider(config, assertion), timeoutMs: graph.timeoutMs }));
}
