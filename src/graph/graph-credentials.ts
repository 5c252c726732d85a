/*
 * The one place that knows how Kansrijk obtains Microsoft Graph tokens; everything else holds a
 * GraphTokenProvider. Replacing the token library touches this file only.
 *
 * Why @azure/identity and not the teamsfx SDK named on the design card: teamsfx 4's
 * AppCredential and OnBehalfOfUserCredential are thin wrappers over these same @azure/identity
 * credentials, yet the package pulls the whole Agents SDK, msal-browser and axios into the server
 * and is past its end of support. Using the credentials directly gives the same tokens with none of it.
 *
 * - Scheduled work (no one signed in): the app's own credential, a client secret or, when
 *   GRAPH_CLIENT_CERTIFICATE_PATH is set, a certificate (preferred in production).
 * - What a user does in the tab: on-behalf-of, exchanging the user's Teams SSO token for a Graph
 *   token with the user's delegated rights.
 */
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  OnBehalfOfCredential,
  type ClientSecretCredentialOptions,
  type TokenCredential,
} from '@azure/identity';
import type { Config } from '../config/config';
import type { PermissionType } from './graph-permissions';

/** What the Graph client needs: a bearer token and which kind of rights it carries. */
export interface GraphTokenProvider {
  readonly permissionType: PermissionType;
  getAccessToken(): Promise<string>;
}

export type GraphSettings = NonNullable<Config['graph']>;

type CredentialOptions = ClientSecretCredentialOptions;
type Policy = NonNullable<CredentialOptions['additionalPolicies']>[number]['policy'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * MSAL accepts only https authorities. A stand-in on loopback (tests, `npm run bench`) speaks plain
 * http, so the credential is told the https form and this policy, which only ever touches loopback
 * hosts, sends those requests over http. Any other authority is used exactly as configured.
 */
const loopbackHttpPolicy: Policy = {
  name: 'kansrijkLoopbackAuthority',
  sendRequest(request, next) {
    const url = new URL(request.url);
    if (url.protocol === 'https:' && LOOPBACK_HOSTS.has(url.hostname)) {
      url.protocol = 'http:';
      request.url = url.toString();
      request.allowInsecureConnection = true;
    }
    return next(request);
  },
};

/** The options every credential gets (exported for test/unit/graph-credentials.test.ts). */
export function credentialOptions(graph: GraphSettings): CredentialOptions {
  const authority = new URL(graph.authority);
  if (!isLoopbackHttp(authority)) return { authorityHost: graph.authority };
  authority.protocol = 'https:';
  return {
    authorityHost: authority.toString().replace(/\/$/, ''),
    // Instance discovery asks login.microsoftonline.com about the authority: meaningless for a stand-in.
    disableInstanceDiscovery: true,
    additionalPolicies: [{ policy: loopbackHttpPolicy, position: 'perRetry' }],
  };
}

/** `.default` of the Graph resource the client talks to (national clouds have their own host). */
export function graphScope(graph: Pick<GraphSettings, 'baseUrl'>): string {
  return `${new URL(graph.baseUrl).origin}/.default`;
}

function settings(config: Config): GraphSettings {
  if (!config.graph) throw new Error('Microsoft Graph is not configured (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_MAIL_SENDER)');
  if (!config.graph.clientSecret && !config.graph.certificatePath) {
    throw new Error('Microsoft Graph needs GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH');
  }
  return config.graph;
}

function provider(credential: TokenCredential, scope: string, permissionType: PermissionType): GraphTokenProvider {
  return {
    permissionType,
    async getAccessToken() {
      const token = await credential.getToken(scope);
      if (!token) throw new Error('Microsoft Entra returned no token for Microsoft Graph');
      return token.token;
    },
  };
}

/** The app's own rights, for scheduled work. Reuse the provider: the credential caches its token. */
export function appTokenProvider(config: Config): GraphTokenProvider {
  const graph = settings(config);
  const options = credentialOptions(graph);
  const credential = graph.certificatePath
    ? new ClientCertificateCredential(graph.tenantId, graph.clientId, graph.certificatePath, options)
    : new ClientSecretCredential(graph.tenantId, graph.clientId, graph.clientSecret ?? '', options);
  return provider(credential, graphScope(graph), 'application');
}

/** The signed-in user's delegated rights, from the Teams SSO token (the `access_as_user` token the tab sent). */
export function onBehalfOfTokenProvider(config: Config, userAssertion: string): GraphTokenProvider {
  const graph = settings(config);
  const options = credentialOptions(graph);
  const base = { tenantId: graph.tenantId, clientId: graph.clientId, userAssertionToken: userAssertion, ...options };
  const credential = graph.certificatePath
    ? new OnBehalfOfCredential({ ...base, certificatePath: graph.certificatePath })
    : new OnBehalfOfCredential({ ...base, clientSecret: graph.clientSecret ?? '' });
  return provider(credential, graphScope(graph), 'delegated');
}
