import type { ActionOutput, ActionPatch, ActionReader, ActionService, FoundAction } from '../../src/actions/action-service';
import { accessFromRows, can } from '../../src/auth/access';
import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { notFound } from '../../src/http/problems';
import { actionCard, type ActionCardView } from '../cards/action-card';
import type { Card } from '../cards/elements';
import { findActionForCard, loadActionCardFacts, type ActionCardFacts, type CardContext } from '../data/bot-repository';
import type { Lang } from '../i18n/texts';

export type ViewExtras = Pick<ActionCardView, 'banner' | 'errors' | 'typed' | 'followUpId'>;

/**
 * Whether the viewer gets the card's controls. With their access rows it is the server's own
 * rule (action.report); without them (lists, proactive reminders to the owner) only the owner,
 * who always holds it on their own action, so a card never offers what would be refused.
 */
export function mayReport(facts: Pick<ActionCardFacts, 'ownerEntraObjectId'>, viewerAadObjectId: string | null, found?: FoundAction, principal?: Principal): boolean {
  if (found && principal) {
    const access = accessFromRows(principal, found.action.trajectoryId, found.accessRows);
    return can(access, 'action.report', { domainId: found.action.domainId, ownerId: found.action.ownerId });
  }
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
function factsAfter(before: FoundAction & { card: CardContext }, after: ActionOutput, principal: Principal, patch: ActionPatch): ActionCardFacts {
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
    ownerId: after.ownerId,
    lastUpdate: wroteTimeline ? { at: new Date(after.updatedAt), authorName: principal.name, note, statusTo: statusChanged ? after.status : null } : before.card.lastUpdate,
  };
}

/** Action cards as one viewer sees them: who may report on the action gets the controls, anyone else reads. */
export function createActionViews(db: Db, actions: ActionService) {
  /** Reads what the service needs and what the card needs in one statement; keeps the latter. */
  function cardReader(): { read: ActionReader; found: () => (FoundAction & { card: CardContext }) | undefined } {
    let found: (FoundAction & { card: CardContext }) | undefined;
    return {
      read: async (tenantId, id, userId) => (found = await findActionForCard(db, tenantId, id, userId)),
      found: () => found,
    };
  }

  return {
    /** Cards for actions the caller has already been allowed to see (through the action service). */
    async cards(principal: Principal, actionIds: string[], lang: Lang, extras: ViewExtras = {}): Promise<Card[]> {
      const facts = await loadActionCardFacts(db, principal.tenantId, actionIds);
      return facts.map((f) => actionCard(viewOf(f, mayReport(f, principal.userId), lang, extras)));
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
     * answers with its card in the new state: two round trips in all.
     */
    async update(principal: Principal, actionId: string, patch: ActionPatch, version: number, lang: Lang, extras: ViewExtras = {}): Promise<Card> {
      const reader = cardReader();
      const after = await actions.update(principal, actionId, patch, version, reader.read);
      const found = reader.found()!;
      const facts = factsAfter(found, after, principal, patch);
      return actionCard(viewOf(facts, mayReport(facts, principal.userId, found, principal), lang, extras));
    },

    facts: (tenantId: string, actionId: string) => loadActionCardFacts(db, tenantId, [actionId]).then((rows) => rows[0]),
  };
}

export type ActionViews = ReturnType<typeof createActionViews>;
