import { findActionForCard, loadActionCardFacts, type ActionCardFacts, type ActionForCard, type NoticeChannel } from '../../src/actions/action-card-repository';
import type { ActionOutput, ActionPatch, ActionReader, ActionService, FoundAction } from '../../src/actions/action-service';
import { accessFromRows, loadAccess, type TrajectoryAccess } from '../../src/auth/access';
import { actionCan } from '../../src/auth/entity-rights';
import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { notFound } from '../../src/shared/errors';
import { actionCard, type ActionCardView } from '../cards/action-card';
import type { Card } from '../cards/elements';
import type { Lang } from '../i18n/texts';

/** An action just changed from a card, as its work groups' channels hear of it. */
export interface ActionChange {
  actionId: string;
  title: string;
  status: string;
  /** Where to tell it (read with the action before the change); most domains have none. */
  channels: NoticeChannel[];
}

export type ViewExtras = Pick<ActionCardView, 'banner' | 'errors' | 'typed' | 'followUpId'>;

/**
 * Whether the viewer gets the card's status controls: the server's own answer, `actionCan(...).move`
 * (src/auth/entity-rights.ts, what the action service enforces), from their access rows. Without
 * them (a proactive reminder, sent to the owner) only the owner, who holds it on their own action.
 */
export function mayReport(facts: Pick<ActionCardFacts, 'ownerEntraObjectId'>, viewerAadObjectId: string | null, found?: FoundAction, principal?: Principal): boolean {
  if (found && principal) return actionCan(accessFromRows(principal, found.action.trajectoryId, found.accessRows), found.action).move;
  return viewerAadObjectId !== null && facts.ownerEntraObjectId === viewerAadObjectId;
}

export function viewOf(facts: ActionCardFacts, editable: boolean, lang: Lang, extras: ViewExtras = {}): ActionCardView {
  return {
    lang,
    action: {
      id: facts.id,
      title: facts.title,
      status: facts.status,
      dueDate: facts.dueDate,
      version: facts.version,
      objectiveTitle: facts.objectiveTitle,
      domainName: facts.domainName,
      ownerName: facts.ownerName,
    },
    lastUpdate: facts.lastUpdate,
    editable,
    refreshUserIds: facts.refreshUserIds,
    ...extras,
  };
}

/**
 * The card's facts right after a change through the action service: the action as it now is,
 * the context read together with it just before (titles, owner, who refreshes: a bot change
 * does not touch those), and as latest update the timeline entry the change wrote, if it wrote
 * one (the service writes one when the status or the due date changes, or with a note).
 */
function factsAfter(before: ActionForCard, after: ActionOutput, principal: Principal, patch: ActionPatch): ActionCardFacts {
  const note = patch.progressNote?.trim() ?? '';
  const statusChanged = after.status !== before.action.status;
  const wroteTimeline = statusChanged || after.dueDate !== before.action.dueDate || note !== '';
  return {
    ...before.card,
    id: after.id,
    trajectoryId: after.trajectoryId,
    title: after.title,
    status: after.status,
    dueDate: after.dueDate,
    version: after.version,
    domainId: after.domainId,
    ownerId: after.ownerId,
    lastUpdate: wroteTimeline ? { at: new Date(after.updatedAt), authorName: principal.name, note, statusTo: statusChanged ? after.status : null } : before.card.lastUpdate,
  };
}

/** Action cards as one viewer sees them: who may report on the action gets the controls, anyone else reads. */
export function createActionViews(db: Db, actions: ActionService) {
  /** Reads what the service needs and what the card needs in one statement; keeps the latter. */
  function cardReader(): { read: ActionReader; found: () => ActionForCard | undefined } {
    let found: ActionForCard | undefined;
    return {
      read: async (tenantId, id, userId) => (found = await findActionForCard(db, tenantId, id, userId)),
      found: () => found,
    };
  }

  return {
    /** Cards for actions the caller has already been allowed to see (through the action service). */
    async cards(principal: Principal, actionIds: string[], lang: Lang, extras: ViewExtras = {}): Promise<Card[]> {
      const facts = await loadActionCardFacts(db, principal.tenantId, actionIds);
      // The caller's access per trajectory (a list is nearly always of one), for the server's own answer per action.
      const access = new Map<string, TrajectoryAccess>();
      for (const id of new Set(facts.map((f) => f.trajectoryId))) access.set(id, await loadAccess(db, principal, id));
      return facts.map((f) => actionCard(viewOf(f, actionCan(access.get(f.trajectoryId)!, f).move, lang, extras)));
    },

    /** One action's card after checking that the caller may read it (403/404 AppError otherwise). */
    async card(principal: Principal, actionId: string, lang: Lang, extras: ViewExtras = {}): Promise<Card> {
      const reader = cardReader();
      const action = await actions.get(principal, actionId, reader.read);
      const found = reader.found();
      if (!found) throw notFound(`action ${actionId}`);
      const facts = { ...found.card, ...action };
      return actionCard(viewOf(facts, mayReport(facts, principal.userId, found, principal), lang, extras));
    },

    /**
     * Changes an action through the action service (permissions, version, timeline, audit) and
     * answers with its card in the new state, and what the work groups' channels are told: two
     * round trips in all.
     */
    async update(principal: Principal, actionId: string, patch: ActionPatch, version: number, lang: Lang, extras: ViewExtras = {}): Promise<{ card: Card; changed: ActionChange }> {
      const reader = cardReader();
      const after = await actions.update(principal, actionId, patch, version, reader.read);
      const found = reader.found()!;
      const facts = factsAfter(found, after, principal, patch);
      return {
        card: actionCard(viewOf(facts, mayReport(facts, principal.userId, found, principal), lang, extras)),
        changed: { actionId, title: after.title, status: after.status, channels: found.noticeChannels },
      };
    },

    facts: (tenantId: string, actionId: string) => loadActionCardFacts(db, tenantId, [actionId]).then((rows) => rows[0]),
  };
}

export type ActionViews = ReturnType<typeof createActionViews>;
