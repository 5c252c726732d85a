import type { ActionService } from '../src/actions/action-service';
import type { Principal } from '../src/auth/principal';
import type { Db } from '../src/db/database';
import { AppError } from '../src/shared/errors';
import { createOverviewService } from '../src/overview/overview-service';
import { openStatuses } from '../src/shared/enums';
import { createSteeringService } from '../src/steering-sessions/steering-service';
import { createTrajectoryService } from '../src/trajectories/trajectory-service';
import { createChannelService } from '../src/channels/channel-service';
import type { MeetingService } from '../src/meetings/meeting-service';
import type { ReportService } from '../src/reports/report-service';
import type { ReportViews } from './services/report-views';
import { meetingTexts } from './i18n/meeting-texts';
import { reportTexts } from './i18n/report-texts';
import { formatDate, langOf, texts, type Lang } from './i18n/texts';
import type { MeetingPosts } from './proactive/meeting-posts';
import { createMeetingViews } from './services/meeting-views';
import { parseCommand, type Command } from './commands';
import { packCards, type Card } from './cards/elements';
import { helpCard } from './cards/help-card';
import { overviewCard } from './cards/overview-card';
import { reminderSettingsCard } from './cards/reminder-settings-card';
import { isVerb } from './cards/verbs';
import type { ConversationKind } from './data/bot-tables';
import { rememberConversation, setConversationInstalled, upsertBotUser, upsertConversation } from './data/bot-repository';
import { errorResponse, type HandlerServices } from './handlers/handler';
import { cardHandlers } from './handlers/index';
import { createQuestionnaireService } from '../src/questionnaires/questionnaire-service';
import { createActionViews } from './services/action-views';
import { createMeasurementViews } from './services/measurement-views';
import { createReminderPreferences } from './services/reminder-preferences';
import type { BotLogic, IncomingTurn } from './transport/conversation-reference';

export interface BotDeps {
  db: Db;
  actions: ActionService;
  tenants: { isRegistered(tenantId: string): Promise<boolean> };
  meetings: MeetingService;
  /** The channel posts: replaces the agenda card after an organiser's own item, and the work groups' notices. */
  posts?: MeetingPosts | undefined;
  /** Reports to the college (issue 10): the chair's card buttons. */
  reports: ReportService;
  reportViews: ReportViews;
  log?: (message: string, error?: unknown) => void;
}

const MAX_LISTED = 24;

function kindOf(conversationType: string): ConversationKind {
  if (conversationType === 'channel') return 'channel';
  if (conversationType === 'groupChat') return 'groupChat';
  return 'personal';
}

/** Where the bot was spoken to, as stored for replies and reminders. */
function conversationRecord(turn: IncomingTurn, tenantId: string) {
  const a = turn.activity;
  const kind = kindOf(a.conversation.conversationType);
  return {
    tenantId,
    conversationId: a.conversation.id,
    kind,
    reference: turn.reference,
    teamId: a.teamId ?? null,
    userAadObjectId: kind === 'personal' ? (a.from.aadObjectId ?? null) : null,
  };
}

function principalOf(turn: IncomingTurn): Principal | undefined {
  const { from, tenantId } = turn.activity;
  if (!from.aadObjectId || !tenantId) return undefined;
  return { tenantId, userId: from.aadObjectId, name: from.name || 'Teams' };
}

/** The Kansrijk bot: chat commands, card actions and the bookkeeping of where it may speak. */
export function createKansrijkBot(deps: BotDeps): BotLogic {
  const { db } = deps;
  const views = createActionViews(db, deps.actions);
  const reminders = createReminderPreferences(db);
  const trajectories = createTrajectoryService(db);
  const overview = createOverviewService(db);
  const channels = createChannelService(db);
  const meetingViews = deps.posts?.views ?? createMeetingViews(db, deps.meetings);
  const services: HandlerServices = {
    actions: deps.actions,
    views,
    reminders,
    steering: createSteeringService(db),
    questionnaires: createQuestionnaireService(db),
    measurements: createMeasurementViews(db),
    meetings: deps.meetings,
    meetingViews,
    reports: deps.reports,
    reportViews: deps.reportViews,
    agendaChanged: deps.posts?.updateAgenda,
    notifyChange: deps.posts?.noticeActionChange,
  };
  const log = deps.log ?? (() => undefined);

  async function remember(turn: IncomingTurn): Promise<void> {
    const a = turn.activity;
    if (!a.tenantId) return;
    const kind = kindOf(a.conversation.conversationType);
    await rememberConversation(db, conversationRecord(turn, a.tenantId));
    if (a.from.aadObjectId) {
      await upsertBotUser(db, {
        tenantId: a.tenantId,
        aadObjectId: a.from.aadObjectId,
        teamsUserId: a.from.id,
        name: a.from.name,
        personalConversationId: kind === 'personal' ? a.conversation.id : undefined,
      });
    }
  }

  async function myTrajectories(principal: Principal) {
    return trajectories.listMine(principal);
  }

  async function sendCards(turn: IncomingTurn, lead: string, cards: Card[], tail?: string): Promise<void> {
    // The lead goes alone: a client that draws a message with text as text only (the Agents
    // Playground does) would otherwise never show the cards; Teams shows the two the same way.
    await turn.send({ text: lead });
    for (const group of packCards(cards)) {
      await turn.send({ cards: group, carousel: group.length > 1 });
    }
    if (tail) await turn.send({ text: tail });
  }

  async function runCommand(turn: IncomingTurn, command: Command, lang: Lang, principal: Principal): Promise<void> {
    const t = texts[lang];
    switch (command.kind) {
      case 'help':
        await turn.send({ cards: [helpCard(lang)] });
        return;
      case 'unknown':
        await turn.send({ cards: [helpCard(lang, t.unknownCommand(command.text.slice(0, 80)))] });
        return;
      case 'myActions': {
        const mine = await myTrajectories(principal);
        const ids: string[] = [];
        for (const trajectory of mine) {
          const list = await deps.actions.list(principal, trajectory.id, { mine: true, statuses: [...openStatuses], limit: 200 });
          ids.push(...list.map((a) => a.id));
        }
        if (!ids.length) {
          await turn.send({ text: mine.length ? t.noOpenActions : t.unknownPerson });
          return;
        }
        const cards = await views.cards(principal, ids.slice(0, MAX_LISTED), lang);
        await sendCards(turn, t.yourOpenActions(ids.length), cards, ids.length > MAX_LISTED ? t.moreActions(ids.length - MAX_LISTED) : undefined);
        return;
      }
      case 'search': {
        if (!command.term) {
          await turn.send({ text: t.searchNeedsTerm });
          return;
        }
        const mine = await myTrajectories(principal);
        if (!mine.length) {
          await turn.send({ text: t.notInTrajectory });
          return;
        }
        const ids: string[] = [];
        for (const trajectory of mine) {
          const found = await deps.actions.list(principal, trajectory.id, { search: command.term.slice(0, 100), limit: MAX_LISTED });
          ids.push(...found.map((a) => a.id));
        }
        if (!ids.length) {
          await turn.send({ text: t.noMatches(command.term) });
          return;
        }
        const shown = ids.slice(0, 6);
        await sendCards(turn, t.matches(ids.length, command.term), await views.cards(principal, shown, lang), ids.length > shown.length ? t.moreActions(ids.length - shown.length) : undefined);
        return;
      }
      case 'overview': {
        const mine = await myTrajectories(principal);
        if (!mine.length) {
          await turn.send({ text: t.notInTrajectory });
          return;
        }
        const cards: Card[] = [];
        for (const trajectory of mine.slice(0, 3)) {
          const o = await overview.overview(principal, trajectory.id);
          const next = o.nextMeetings[0];
          cards.push(
            overviewCard({
              lang,
              trajectoryName: o.trajectory.name,
              domains: o.statusByDomain.map((d) => ({
                name: d.name,
                open: openStatuses.reduce((sum, s) => sum + (d.counts[s] ?? 0), 0),
                done: d.counts.done ?? 0,
                total: d.total,
              })),
              overdueCount: o.overdueCount,
              overdueTitles: o.overdueActions.map((a) => a.title),
              nextMeeting: next ? { title: next.title, startsAt: new Date(next.startsAt), bodyName: next.body.name } : null,
            }),
          );
        }
        await turn.send({ cards });
        return;
      }
      case 'bind': {
        const m = meetingTexts[lang];
        const channel = turn.activity.channel;
        if (!channel) {
          await turn.send({ text: m.bindOnlyInChannel });
          return;
        }
        if (!command.name) {
          await turn.send({ text: m.bindNeedsName });
          return;
        }
        const name = command.name.slice(0, 120);
        try {
          const result = await channels.bindByName(principal, name, { channelId: channel.id, teamId: turn.activity.teamId ?? null, channelName: channel.name ?? turn.activity.conversation.name ?? '' });
          if (result.status === 'none') await turn.send({ text: m.bindNone(name) });
          else if (result.status === 'ambiguous') await turn.send({ text: m.bindAmbiguous(result.names.slice(0, 8)) });
          else await turn.send({ text: m.bound(result.binding.bodyName) });
        } catch (error) {
          if (error instanceof AppError && error.status === 403) {
            await turn.send({ text: m.bindForbidden });
            return;
          }
          throw error;
        }
        return;
      }
      case 'agenda': {
        const mine = await myTrajectories(principal);
        const now = new Date().toISOString();
        for (const trajectory of mine) {
          const { meetings } = await deps.meetings.list(principal, trajectory.id, { from: now });
          const next = meetings.find((m) => m.state === 'planned' && (m.can.propose || m.can.editAgenda) && m.startsAt > now);
          if (next) {
            await turn.send({ cards: [await meetingViews.agendaCardFor(principal, next.id, lang)] });
            return;
          }
        }
        await turn.send({ text: meetingTexts[lang].noMeeting });
        return;
      }
      case 'report': {
        // The report service decides who may approve (can.approve); the chair gets each card that waits.
        const r = reportTexts[lang];
        const mine = await myTrajectories(principal);
        const cards: Card[] = [];
        let latest: { periodStart: string; periodEnd: string; state: keyof typeof r.states; createdAt: string } | undefined;
        for (const trajectory of mine) {
          const { reports } = await deps.reports.list(principal, trajectory.id);
          for (const report of reports) {
            if (!latest || report.createdAt > latest.createdAt) latest = report;
            if (!report.can.approve || cards.length >= 3) continue;
            const card = await deps.reportViews.chairCard(principal.tenantId, report.id, lang, 'waiting');
            if (card) cards.push(card);
          }
        }
        if (cards.length) {
          // One message per card: a client that draws only a carousel's first card still shows each.
          for (const card of cards) await turn.send({ cards: [card] });
          return;
        }
        const last = latest ? ` ${r.latest(`${formatDate(lang, latest.periodStart)} – ${formatDate(lang, latest.periodEnd)}`, r.states[latest.state])}` : '';
        await turn.send({ text: mine.length ? `${r.noneWaiting}${last}` : t.notInTrajectory });
        return;
      }
      case 'reminders': {
        const mine = await myTrajectories(principal);
        if (!mine[0]) {
          await turn.send({ text: t.notInTrajectory });
          return;
        }
        const { level } = await reminders.current(principal);
        await turn.send({ cards: [reminderSettingsCard({ lang, current: level, trajectoryId: mine[0].id })] });
        return;
      }
    }
  }

  return {
    async admit(turn) {
      const tenantId = turn.activity.tenantId;
      if (tenantId && (await deps.tenants.isRegistered(tenantId))) return { ok: true };
      return { ok: false, message: `${texts.nl.tenantNotRegistered}\n\n${texts.en.tenantNotRegistered}` };
    },

    async message(turn) {
      await remember(turn);
      const command = parseCommand(turn.activity.text);
      // The user's Teams language, not the command's words: "help" in a Dutch Teams gets Dutch.
      const lang: Lang = langOf(turn.activity.locale);
      const principal = principalOf(turn);
      if (!principal) {
        await turn.send({ text: texts[lang].unknownPerson });
        return;
      }
      try {
        await runCommand(turn, command, lang, principal);
      } catch (error) {
        if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
          await turn.send({ text: texts[lang].unknownPerson });
          return;
        }
        throw error;
      }
    },

    async membersChanged(turn) {
      const a = turn.activity;
      if (!a.tenantId) return;
      const kind = kindOf(a.conversation.conversationType);
      const botRemoved = a.action === 'remove' || a.membersRemoved.some((m) => m.id === a.recipientId);
      if (botRemoved) {
        await setConversationInstalled(db, a.tenantId, a.conversation.id, false);
        return;
      }
      await upsertConversation(db, conversationRecord(turn, a.tenantId));
      const people = [a.from, ...a.membersAdded].filter((m) => m.aadObjectId && m.id !== a.recipientId);
      const seen = new Set<string>();
      for (const member of people) {
        if (seen.has(member.aadObjectId!)) continue;
        seen.add(member.aadObjectId!);
        await upsertBotUser(db, {
          tenantId: a.tenantId,
          aadObjectId: member.aadObjectId!,
          teamsUserId: member.id,
          name: member.name,
          personalConversationId: kind === 'personal' ? a.conversation.id : undefined,
        });
      }
      // Teams announces a personal install twice (installationUpdate and conversationUpdate);
      // greet once, on the conversationUpdate that adds the bot.
      const botJoined = a.membersAdded.some((m) => m.id === a.recipientId);
      if (botJoined && kind === 'personal') await turn.send({ cards: [helpCard(langOf(a.locale))] });
    },

    async cardAction(turn, action) {
      const lang: Lang = action.data.lang === 'en' || action.data.lang === 'nl' ? action.data.lang : langOf(turn.activity.locale);
      const principal = principalOf(turn);
      if (!principal) return errorResponse(403, texts[lang].unknownPerson);
      if (!isVerb(action.verb)) {
        log(`unknown card verb ${action.verb}`);
        return errorResponse(400, `Unknown verb: ${action.verb}`);
      }
      return cardHandlers[action.verb]({ principal, lang, services }, action.data);
    },
  };
}
