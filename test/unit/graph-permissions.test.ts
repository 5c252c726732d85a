import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAPH_CALLS, manifestType, permissionTableMarkdown, SIGN_IN_SCOPES } from '../../src/graph/graph-permissions';

const ROOT = path.resolve(__dirname, '../..');

interface EntraManifest {
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  api: {
    oauth2PermissionScopes: { id: string; value: string; type: string }[];
    preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'aad.manifest.json'), 'utf8')) as EntraManifest;

/**
 * The Microsoft 365 clients Microsoft lists for a tab's SSO ("To configure authorized client
 * application", https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-register-aad).
 * d3590ed6-… is both the Microsoft 365 mobile app and Outlook desktop.
 */
const TEAMS_AND_M365_CLIENTS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile, Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
];

/** Any sign that a file talks to Microsoft Graph. */
const GRAPH_USAGE = /graph\.microsoft\.com|graphBaseUrl|@microsoft\/microsoft-graph-client|@microsoft\/teamsfx|\bgraphCall\(/;

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(relative));
    else if (/\.(ts|tsx|mts)$/.test(entry.name)) found.push(relative);
  }
  return found;
}

// Where a Graph endpoint is only configured or this table is defined, nothing is called. The client
// makes no call of its own: graphCall sends what a caller names by its row id, and refuses an id
// whose row does not match the request or the client's kind of rights (test/unit/graph-client.test.ts).
const NOT_CALLERS = new Set(['src/config/config.ts', 'src/graph/graph-permissions.ts', 'src/graph/graph-client.ts']);

describe('Microsoft Graph permissions, feature by feature', () => {
  it('the Entra manifest requests exactly the sign-in scopes and the permissions of the Graph calls in the code', () => {
    const requested = manifest.requiredResourceAccess.flatMap((r) => r.resourceAccess.map((a) => `${r.resourceAppId} ${a.id} ${a.type}`)).sort();
    const needed = [
      ...SIGN_IN_SCOPES.map((s) => `Microsoft Graph ${s.permission} Scope`),
      ...new Set(GRAPH_CALLS.map((c) => `Microsoft Graph ${c.permission} ${manifestType(c.type)}`)),
    ].sort();
    expect(requested).toEqual(needed);
  });

  it('every file that calls Graph has its calls in the table, and every row names a file that makes the call', () => {
    const files = [...sourceFiles('src'), ...sourceFiles('bot'), ...sourceFiles('tabs/src')].filter((f) => !NOT_CALLERS.has(f));
    const calling = files.filter((f) => GRAPH_USAGE.test(readFileSync(path.join(ROOT, f), 'utf8')));
    const listed = new Set(GRAPH_CALLS.flatMap((c) => c.callers));
    expect(calling.filter((f) => !listed.has(f))).toEqual([]);
    for (const call of GRAPH_CALLS) {
      expect(call.callers.length).toBeGreaterThan(0);
      for (const file of call.callers) expect({ file, mentionsCall: readFileSync(path.join(ROOT, file), 'utf8').includes(`'${call.id}'`) }).toEqual({ file, mentionsCall: true });
    }
  });

  it('application permissions are only for scheduled work', () => {
    expect(GRAPH_CALLS.filter((c) => c.type === 'application' && !c.scheduled).map((c) => c.id)).toEqual([]);
  });

  it('docs/deploy.md shows the same table', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
    const table = /<!-- graph-permissions -->\n([\s\S]*?)\n<!-- \/graph-permissions -->/.exec(doc)?.[1];
    expect(table).toBe(permissionTableMarkdown());
  });

  it('exposes access_as_user and pre-authorises it, only it, for the Teams, Microsoft 365 and Outlook clients', () => {
    const scopes = manifest.api.oauth2PermissionScopes;
    expect(scopes.map((s) => s.value)).toEqual(['access_as_user']);
    const scopeId = scopes[0]?.id;
    expect(manifest.api.preAuthorizedApplications.map((a) => a.appId).sort()).toEqual([...TEAMS_AND_M365_CLIENTS].sort());
    for (const client of manifest.api.preAuthorizedApplications) expect(client.delegatedPermissionIds).toEqual([scopeId]);
  });
});
