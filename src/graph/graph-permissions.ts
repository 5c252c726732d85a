/**
 * The Microsoft Graph permissions Kansrijk asks a tenant for, and why. aad.manifest.json requests
 * exactly these and docs/deploy.md shows this table; test/unit/graph-permissions.test.ts fails when
 * code calls Graph without a row here, or a row (and so a permission) has no code calling it.
 *
 * A feature that calls Graph adds one row per request, names the files that make it, and uses the
 * row's id at the call site. Delegated where a signed-in user acts; application only for work
 * that runs on a schedule without anyone signed in, and then limited to chosen mailboxes with
 * Exchange RBAC for Applications (docs/deploy.md).
 */

export type PermissionType = 'delegated' | 'application';

export interface GraphCall {
  /** Written at the call site, so the test can find the call. */
  id: string;
  /** The request, e.g. `POST /users/{organiser}/events`. */
  request: string;
  permission: string;
  type: PermissionType;
  /** The feature (and its issue) that needs it, as an admin reads it in docs/deploy.md. */
  feature: string;
  /** Files (from the repository root) that make the request. */
  callers: readonly string[];
  /** Application permissions only: runs without a signed-in user, e.g. a scheduled report. */
  scheduled?: true;
}

/** No feature calls Graph yet: meetings and mail come with their own issues and their own rows. */
export const GRAPH_CALLS: readonly GraphCall[] = [];

export interface SignInScope {
  permission: string;
  why: string;
}

/**
 * OpenID Connect scopes of the Teams single sign-on. They reach no Graph data; the server reads
 * the signed-in user's id (oid) and name from the token Teams obtains for access_as_user.
 */
export const SIGN_IN_SCOPES: readonly SignInScope[] = [
  { permission: 'openid', why: 'sign-in itself: the user and tenant ids in the token' },
  { permission: 'profile', why: 'the name shown beside what someone changed (the `name` claim)' },
];

/** How aad.manifest.json writes a permission's type. */
export function manifestType(type: PermissionType): 'Scope' | 'Role' {
  return type === 'delegated' ? 'Scope' : 'Role';
}

/** The Markdown table between the graph-permissions markers in docs/deploy.md. */
export function permissionTableMarkdown(): string {
  const rows = [
    '| permission | type | feature | request (code) |',
    '|---|---|---|---|',
    ...SIGN_IN_SCOPES.map((s) => `| \`${s.permission}\` | delegated | single sign-on in the tabs: ${s.why} | none (a claim in the token) |`),
    ...GRAPH_CALLS.map((c) => `| \`${c.permission}\` | ${c.type} | ${c.feature} | \`${c.request}\` (${c.callers.map((f) => `\`${f}\``).join(', ')}) |`),
  ];
  return rows.join('\n');
}
