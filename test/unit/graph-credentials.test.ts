import { loadConfig, type Config } from '../../src/config/config';
import { appTokenProvider, credentialOptions, graphScope, onBehalfOfTokenProvider } from '../../src/graph/graph-credentials';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';

/**
 * The real @azure/identity credentials (MSAL underneath) against the stand-in's token endpoint on
 * loopback: client credentials for scheduled work, on-behalf-of for a user in the tab.
 */
const tenantId = '9b9b9b9b-1111-4222-8333-444444444444';
const clientId = '5c5c5c5c-1111-4222-8333-444444444444';

let standIn: GraphStandIn;
beforeAll(async () => {
  standIn = await startGraphStandIn({ clientId });
});
afterAll(() => standIn.close());
beforeEach(() => standIn.reset());

function config(extra: Record<string, string> = {}): Config {
  return loadConfig({
    GRAPH_TENANT_ID: tenantId,
    GRAPH_CLIENT_ID: clientId,
    GRAPH_CLIENT_SECRET: 'stand-in-secret',
    GRAPH_MAIL_SENDER: 'kansrijk@gemeente.example',
    GRAPH_BASE_URL: standIn.baseUrl,
    ENTRA_AUTHORITY: standIn.authority,
    ...extra,
  });
}

describe('Graph credentials', () => {
  test('the app credential gets a client-credentials token for the Graph resource of GRAPH_BASE_URL, and caches it', async () => {
    const provider = appTokenProvider(config());
    expect(provider.permissionType).toBe('application');
    const token = await provider.getAccessToken();
    expect(await provider.getAccessToken()).toBe(token);
    expect(standIn.tokens).toEqual([
      expect.objectContaining({ token, kind: 'application', grantType: 'client_credentials', clientId, scope: expect.stringContaining(`${standIn.authority}/.default`) }),
    ]);
    expect(standIn.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).map((r) => r.path)).toEqual([`/${tenantId}/oauth2/v2.0/token`]);
  });

  test('on-behalf-of exchanges the user SSO token for a delegated token', async () => {
    const provider = onBehalfOfTokenProvider(config(), 'user-sso-token.from.teams');
    expect(provider.permissionType).toBe('delegated');
    const token = await provider.getAccessToken();
    expect(standIn.tokens).toEqual([expect.objectContaining({ token, kind: 'delegated', assertion: 'user-sso-token.from.teams', clientId })]);
  });

  test('a wrong client is refused, not silently tokenless', async () => {
    await expect(appTokenProvider(config({ GRAPH_CLIENT_ID: '00000000-1111-4222-8333-444444444444' })).getAccessToken()).rejects.toThrow();
  });

  test('options: only a loopback http authority is rewritten; a real one is used as configured', () => {
    const real = config({ ENTRA_AUTHORITY: 'https://login.microsoftonline.com', GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' }).graph;
    if (!real) throw new Error('graph not configured');
    expect(credentialOptions(real)).toEqual({ authorityHost: 'https://login.microsoftonline.com' });
    expect(graphScope(real)).toBe('https://graph.microsoft.com/.default');
    const loopback = config().graph;
    if (!loopback) throw new Error('graph not configured');
    expect(credentialOptions(loopback)).toEqual(
      expect.objectContaining({ authorityHost: standIn.authority.replace('http:', 'https:'), disableInstanceDiscovery: true }),
    );
  });

  test('without Graph configured there is no provider', () => {
    expect(() => appTokenProvider(loadConfig({}))).toThrow(/not configured/);
  });
});
