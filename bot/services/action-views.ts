import type { ActionService } from '../../src/actions/action-service';
import type { Principal } from '../../src/auth/principal';
import type { Db } from '../../src/db/database';
import { notFound } from '../../src/http/problems';
import { actionCard, type ActionCardView } from '../cards/action-card';
import type { Card } from '../cards/elements';
import { loadActionCardFacts, type ActionCardFacts } from '../data/bot-repository';
import type { Lang } from '../i18n/texts';

export type ViewExtras = Pick<ActionCardView, 'banner' | 'errors' | 'typed' | 'followUpId'>;

export function viewOf(facts: ActionCardFacts, viewerAadObjectId: string | null, lang: Lang, extras: ViewExtras = {}): ActionCardView {
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
    editable: viewerAadObjectId !== null && facts.ownerEntraObjectId === viewerAadObjectId,
    refreshUserIds: facts.refreshUserIds,
    ...extras,
  };
}

/** Action cards as one viewer sees them: the owner gets the controls, anyone else reads. */
export function createActionViews(db: Db, actions: ActionService) {
  return {
    /** Cards for actions the caller has already been allowed to see (through the action service). */
    async cards(principal: Principal, actionIds: string[], lang: Lang, extras: ViewExtras = {}): Promise<Card[]> {
      const facts = await loadActionCardFacts(db, principal.tenantId, actionIds);
      return facts.map((f) => actionCard(viewOf(f, principal.userId, lang, extras)));
    },

    /** One action's card after checking that the caller may read it (403/404 AppError otherwise). */
    async card(principal: Principal, actionId: string, lang: Lang, extras: ViewExtras = {}): Promise<Card> {
      await actions.get(principal, actionId);
      const [facts] = await loadActionCardFacts(db, principal.tenantId, [actionId]);
      if (!facts) throw notFound(`action ${actionId}`);
      return actionCard(viewOf(facts, principal.userId, lang, extras));
    },

    facts: (tenantId: string, actionId: string) => loadActionCardFacts(db, tenantId, [actionId]).then((rows) => rows[0]),
  };
}

export type ActionViews = ReturnType<typeof createActionViews>;
