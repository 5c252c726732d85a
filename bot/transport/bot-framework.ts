/*
 * The one place that knows botbuilder's adapter, authentication and activity plumbing. The rest
 * of the bot speaks the plain types of conversation-reference.ts, so a move to the Teams or
 * Microsoft 365 Agents SDK replaces this folder and nothing else.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type ConversationReference,
  type Request as BotRequest,
  type Response as BotResponse,
} from 'botbuilder';
import { Agent, request as httpRequest } from 'undici';
import { isDatabaseUnavailable } from '../../src/db/connection-errors';
import type { BotLogic, IncomingActivity, IncomingTurn, OutgoingMessage, StoredReference, TeamsUser } from './conversation-reference';

export interface BotCredentials {
  appId: string | undefined;
  password: string | undefined;
  tenantId: string | undefined;
  appType: 'SingleTenant' | 'UserAssignedMSI';
}

export interface HttpExchange {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** Outbound failure, classified so the caller can decide between retrying and giving up. */
export class DeliveryError extends Error {
  constructor(
    /**
     * throttled: 429/503, nothing was delivered, retry after retryAfterMs.
     * notDelivered: the connection was refused, nothing left this machine.
     * rejected: a 4xx that will not change (bot removed, user gone): do not retry.
     * unknown: a 5xx or a broken connection after sending: it may have been delivered.
     */
    readonly kind: 'throttled' | 'notDelivered' | 'rejected' | 'unknown',
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface ProactiveTransport {
  /** Posts one message into a stored conversation; resolves with the activity id Teams gave it. */
  send(reference: StoredReference, message: OutgoingMessage): Promise<{ activityId: string | undefined }>;
  /** Replaces a message the bot posted before (PUT /v3/conversations/{id}/activities/{activityId}). */
  update(reference: StoredReference, activityId: string, message: OutgoingMessage): Promise<void>;
  /** Opens (or finds) the 1:1 chat between the bot and a user, as Teams does for POST /v3/conversations. */
  createPersonalConversation(base: StoredReference, user: { id: string; aadObjectId?: string | undefined }): Promise<StoredReference>;
}

export interface BotTransport {
  /** Runs one POST /api/messages through authentication and the bot's logic. */
  process(exchange: HttpExchange, logic: BotLogic): Promise<HttpAnswer>;
  proactive: ProactiveTransport;
  /** True when no app id is configured: activities are accepted without a token (local tools, tests). */
  authenticationDisabled: boolean;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

function teamsUser(account: ChannelAccount | undefined): TeamsUser {
  return { id: account?.id ?? '', name: account?.name ?? '', aadObjectId: account?.aadObjectId || undefined };
}

/**
 * The user's Teams language: activity.locale, or the clientInfo entity Teams adds to each message
 * (some clients send only that one).
 */
export function localeOf(activity: Pick<Activity, 'locale' | 'entities'>): string | undefined {
  if (activity.locale) return activity.locale;
  const info = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof info?.locale === 'string' && info.locale ? info.locale : undefined;
}

function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id ?? undefined;
}

function channelOf(activity: Activity): { id: string; name: string | undefined } | undefined {
  const channelData = activity.channelData as { channel?: { id?: string; name?: string }; team?: { id?: string } } | undefined;
  const id = channelData?.channel?.id ?? (channelData?.team?.id ? activity.conversation?.id?.split(';')[0] : undefined);
  return id ? { id, name: channelData?.channel?.name || undefined } : undefined;
}

function teamOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { team?: { id?: string } } | undefined;
  return channelData?.team?.id ?? undefined;
}

export function toStoredReference(reference: Partial<ConversationReference>, tenantId: string, locale?: string): StoredReference {
  return {
    serviceUrl: reference.serviceUrl ?? '',
    channelId: reference.channelId ?? 'msteams',
    conversation: {
      id: reference.conversation?.id ?? '',
      conversationType: reference.conversation?.conversationType ?? 'personal',
      tenantId,
      isGroup: reference.conversation?.isGroup,
      name: reference.conversation?.name,
    },
    bot: { id: reference.bot?.id ?? '', name: reference.bot?.name ?? '' },
    user: reference.user ? { id: reference.user.id, name: reference.user.name, aadObjectId: reference.user.aadObjectId } : undefined,
    locale,
  };
}

function toBotReference(reference: StoredReference): Partial<ConversationReference> {
  return {
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId,
    conversation: {
      id: reference.conversation.id,
      conversationType: reference.conversation.conversationType,
      tenantId: reference.conversation.tenantId,
      isGroup: reference.conversation.isGroup ?? false,
      name: reference.conversation.name ?? '',
    },
    bot: { id: reference.bot.id, name: reference.bot.name },
    ...(reference.user ? { user: { id: reference.user.id, name: reference.user.name ?? '', aadObjectId: reference.user.aadObjectId } } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
  };
}

export function toActivity(message: OutgoingMessage): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    ...(message.text ? { text: message.text, textFormat: 'markdown' } : {}),
    ...(message.cards?.length ? { attachments: message.cards.map((content) => ({ contentType: CARD, content })) } : {}),
    ...(message.carousel ? { attachmentLayout: 'carousel' } : {}),
    ...(message.alert ? { channelData: { notification: { alert: true } } } : {}),
  };
}

function toTurn(context: TurnContext): IncomingTurn {
  const activity = context.activity;
  const tenantId = tenantOf(activity) ?? '';
  // In channels the text starts with "<at>Kansrijk</at>"; commands must not see it.
  const text = activity.type === ActivityTypes.Message && activity.text ? TurnContext.removeRecipientMention(activity) : (activity.text ?? '');
  const incoming: IncomingActivity = {
    type: activity.type,
    name: activity.name,
    text: (text ?? '').trim(),
    value: activity.value,
    locale: localeOf(activity),
    from: teamsUser(activity.from),
    tenantId: tenantOf(activity),
    conversation: {
      id: activity.conversation?.id ?? '',
      conversationType: activity.conversation?.conversationType ?? 'personal',
      name: activity.conversation?.name,
    },
    teamId: teamOf(activity),
    channel: channelOf(activity),
    membersAdded: (activity.membersAdded ?? []).map(teamsUser),
    membersRemoved: (activity.membersRemoved ?? []).map(teamsUser),
    action: activity.action,
    recipientId: activity.recipient?.id ?? '',
  };
  return {
    activity: incoming,
    reference: toStoredReference(TurnContext.getConversationReference(activity), tenantId, localeOf(activity)),
    send: async (message) => {
      await context.sendActivity(toActivity(message));
    },
  };
}

function isCardActionWithoutAction(activity: Activity): boolean {
  if (activity.type !== ActivityTypes.Invoke || activity.name !== 'adaptiveCard/action') return false;
  const value: unknown = activity.value;
  const action = value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
  return !action || typeof action !== 'object';
}

function cardActionError(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as unknown as Record<string, unknown> };
}

/** Routes Teams activities to the bot's logic; TeamsActivityHandler does the invoke plumbing. */
class ActivityRouter extends TeamsActivityHandler {
  constructor(private readonly logic: BotLogic) {
    super();
    this.onMessage(async (context, next) => {
      await this.logic.message(toTurn(context));
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.logic.membersChanged(toTurn(context));
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await this.logic.membersChanged(toTurn(context));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (isCardActionWithoutAction(context.activity)) {
      // botbuilder reads value.action.type unchecked and would fail the turn (a 500).
      await context.sendActivity({ type: 'invokeResponse', value: { status: 400, body: cardActionError(400, 'BadRequest', 'The invoke value has no action') } });
      return;
    }
    const verdict = await this.logic.admit(toTurn(context));
    if (verdict.ok) return super.run(context);
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: verdict.message } } },
      });
    } else if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity({ type: ActivityTypes.Message, text: verdict.message });
    }
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue.action;
    const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Record<string, unknown>;
    const trigger = (invokeValue as { trigger?: string }).trigger;
    const response = await this.logic.cardAction(toTurn(context), { verb: action.verb, data, trigger });
    return { statusCode: response.statusCode, type: response.type, value: response.value as Record<string, unknown> };
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> } }).response?.headers;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(name: string): string | undefined }).get(name);
  return headers ? (headers as Record<string, string>)[name] : undefined;
}

function retryAfterMs(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** An answer that is not a success, by its status: throttled, rejected for good, or unknown (5xx). */
function answerError(status: number, retryAfter: string | undefined, message: string): DeliveryError {
  if (status === 429 || status === 503) return new DeliveryError('throttled', status, retryAfterMs(retryAfter), message);
  if (status >= 400 && status < 500) return new DeliveryError('rejected', status, undefined, message);
  return new DeliveryError('unknown', status, undefined, message);
}

export function classifyDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status !== undefined) return answerError(status, headerOf(error, 'retry-after'), message);
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return new DeliveryError('notDelivered', undefined, undefined, message);
  return new DeliveryError('unknown', undefined, undefined, message);
}

/** What botbuilder's connector clients attach their token with (AppCredentials and its kin). */
interface RequestSigner {
  signRequest(resource: { url: string; method: string; headers: { set(name: string, value: string): void } }): Promise<unknown>;
}

function signerOf(connector: ConnectorClient): RequestSigner {
  const credentials = (connector as unknown as { credentials?: Partial<RequestSigner> }).credentials;
  if (typeof credentials?.signRequest !== 'function') throw new Error('botbuilder changed: the connector client has no credentials to sign a request with');
  return credentials as RequestSigner;
}

/**
 * One proactive POST or PUT to the connector, as botframework-connector's conversations client
 * would make it (same path encoding, same token), without its HTTP pipeline. That pipeline's
 * serializer was a sixth of the dispatcher's CPU per reminder, and its retries would turn "maybe
 * delivered" into "maybe delivered twice": the follow-up dispatcher decides what to retry.
 */
async function postActivity(
  agent: Agent,
  signer: Promise<RequestSigner>,
  method: 'POST' | 'PUT',
  url: string,
  activity: Partial<Activity>,
  timeoutMs: number,
): Promise<{ id?: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
  try {
    await (await signer).signRequest({ url, method, headers: { set: (name, value) => void (headers[name.toLowerCase()] = value) } });
    const response = await httpRequest(url, { method, headers, body: JSON.stringify(activity), dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.body.text();
    if (response.statusCode >= 300) {
      const retryAfter = response.headers['retry-after'];
      throw answerError(response.statusCode, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, `${method} ${new URL(url).pathname}: ${response.statusCode} ${text.slice(0, 200)}`);
    }
    if (!text) return {};
    const answer: unknown = JSON.parse(text);
    return answer && typeof answer === 'object' ? (answer as { id?: string }) : {};
  } catch (error) {
    throw classifyDeliveryError(error);
  }
}

function conversationUrl(serviceUrl: string, conversationId: string, activityId?: string): string {
  const base = `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  return activityId === undefined ? base : `${base}/${encodeURIComponent(activityId)}`;
}

// botbuilder does not re-export botframework-connector's types; these are the ones its API uses.
type Authentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<Authentication['authenticateRequest']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Clients are few (one per service URL and app) and stateless between calls; the bound only guards against junk. */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max = 100) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.max) this.entries.clear();
      entry = create();
      // A failed creation (say, a token endpoint down) must not stick.
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
    }
    return entry;
  }
}

function appIdOf(claims: ClaimsIdentity): string {
  // As botbuilder reads it: the audience for channel tokens, the appid claim for the emulator.
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * botbuilder builds a connector client (an HTTP pipeline with its credentials) and a user-token
 * client for every incoming activity, though an invoke never uses either and a message reuses
 * the same few. Authentication itself still runs on every request; only those clients are
 * kept, per app id and service URL. They attach a fresh token to each request themselves.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const reusing: Pick<ConnectorFactory, 'create'> = {
      create: (serviceUrl, audience) => this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
    return { ...result, connectorFactory: reusing as ConnectorFactory };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** CloudAdapter, plus the credentials of a connector client per service URL for proactive sends (no turn needed for those). */
class KansrijkAdapter extends CloudAdapter {
  private readonly proactiveSigners = new ClientCache<RequestSigner>();

  constructor(
    private readonly authentication: ReusingAuthentication,
    private readonly botAppId: string,
  ) {
    super(authentication);
  }

  proactiveSigner(serviceUrl: string): Promise<RequestSigner> {
    return this.proactiveSigners.get(serviceUrl, async () => {
      // The claims continueConversationAsync would use; the factory picks the credentials from them.
      const factory = this.authentication.createConnectorFactory(this.createClaimsIdentity(this.botAppId));
      return signerOf(await factory.create(serviceUrl, undefined));
    });
  }
}

/**
 * The longest a proactive send or update may take before it is given up as "maybe delivered".
 * Below the rate windows' IN_FLIGHT_BOUND_MS (15 s), after which an unanswered booking counts as
 * answered: a live send must never outlast it, or a window could take more than Teams allows.
 */
export const PROACTIVE_SEND_TIMEOUT_MS = 10_000;

export function createBotTransport(
  credentials: BotCredentials,
  log: (message: string, error?: unknown) => void,
  options: { sendTimeoutMs?: number } = {},
): BotTransport {
  const sendTimeoutMs = options.sendTimeoutMs ?? PROACTIVE_SEND_TIMEOUT_MS;
  // Kept-alive connections to the connector, as botbuilder's own client keeps them.
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const authenticationDisabled = !credentials.appId;
  const auth = new ReusingAuthentication(
    authenticationDisabled
      ? {}
      : {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.password,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: credentials.appType,
        },
  );
  const botAppId = credentials.appId ?? '';
  const adapter = new KansrijkAdapter(auth, botAppId);
  const routers = new WeakMap<BotLogic, ActivityRouter>();

  adapter.onTurnError = async (context, error) => {
    log(`bot turn failed (${context.activity.type})`, error);
    if (context.activity.type === ActivityTypes.Invoke) {
      // Without an invoke response botbuilder answers 501, which says "not implemented" about a failure.
      await context.sendActivity({ type: 'invokeResponse', value: { status: isDatabaseUnavailable(error) ? 503 : 500 } }).catch(() => undefined);
    } else if (context.activity.type === ActivityTypes.Message) {
      await context
        .sendActivity({ type: ActivityTypes.Message, text: 'Er ging iets mis aan onze kant; probeer het zo opnieuw. (Something went wrong on our side; please try again.)' })
        .catch(() => undefined);
    }
  };

  /**
   * POST /v3/conversations/{id}/activities (or PUT …/{activityId} to replace one), as a turn of
   * continueConversationAsync would, without building that turn for every reminder.
   */
  const deliver = (reference: StoredReference, message: OutgoingMessage, activityId?: string): Promise<{ id?: string }> => {
    const activity = TurnContext.applyConversationReference(toActivity(message), toBotReference(reference));
    const url = conversationUrl(reference.serviceUrl, reference.conversation.id, activityId);
    const signer = adapter.proactiveSigner(reference.serviceUrl);
    return activityId === undefined
      ? postActivity(agent, signer, 'POST', url, activity, sendTimeoutMs)
      : postActivity(agent, signer, 'PUT', url, { ...activity, id: activityId }, sendTimeoutMs);
  };

  const proactive: ProactiveTransport = {
    async send(reference, message) {
      const sent = await deliver(reference, message);
      return { activityId: sent.id || undefined };
    },

    async update(reference, activityId, message) {
      await deliver(reference, message, activityId);
    },

    async createPersonalConversation(base, user) {
      let created: StoredReference | undefined;
      const tenantId = base.conversation.tenantId;
      try {
        await adapter.createConversationAsync(
          botAppId,
          base.channelId,
          base.serviceUrl,
          'https://api.botframework.com',
          {
            isGroup: false,
            bot: { id: base.bot.id, name: base.bot.name },
            members: [{ id: user.id, name: '' }],
            tenantId,
            channelData: { tenant: { id: tenantId } },
            activity: undefined as unknown as Activity,
          },
          async (context) => {
            // The turn only reads the new conversation's id; nothing is sent in it.
            const reference = toStoredReference(TurnContext.getConversationReference(context.activity), tenantId, base.locale);
            created = {
              ...reference,
              bot: base.bot,
              conversation: { ...reference.conversation, conversationType: 'personal', tenantId },
              user: { id: user.id, aadObjectId: user.aadObjectId },
            };
          },
        );
      } catch (error) {
        throw classifyDeliveryError(error);
      }
      if (!created) throw new DeliveryError('unknown', undefined, undefined, 'the connector did not open a conversation');
      return created;
    },
  };

  return {
    authenticationDisabled,
    proactive,
    async process(exchange, logic) {
      let status = 200;
      let body: unknown;
      // botbuilder writes its answer into an Express-like response; collect it for Fastify.
      const response: BotResponse = {
        socket: null,
        status(code: number) {
          status = code;
          return response;
        },
        header() {
          return response;
        },
        send(payload: unknown) {
          body = payload;
          return response;
        },
        end() {
          return response;
        },
      };
      const request: BotRequest = {
        method: exchange.method,
        headers: exchange.headers,
        body: (exchange.body ?? undefined) as Record<string, unknown> | undefined,
      };
      let router = routers.get(logic);
      if (!router) routers.set(logic, (router = new ActivityRouter(logic)));
      await adapter.process(request, response, (context) => router.run(context));
      return { status, body };
    },
  };
}
