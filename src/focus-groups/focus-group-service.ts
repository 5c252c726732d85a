import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { actionStatuses } from '../shared/enums';
import { uuid } from '../shared/schemas';
import { notFound } from '../shared/errors';
import { listProposalTraces, trajectoryExists } from './focus-group-repository';

/** How far a proposal got: an action is further than an objective, an objective than nothing. */
export const traceStates = ['action', 'objective', 'open'] as const;

// Generic, so that the fields stay in the schema's type (the tabs read them from it).
const ref = <S extends z.ZodRawShape>(fields: S) => z.object({ id: uuid, ...fields }).nullable();

export const proposalTrace = z.object({
  id: uuid,
  text: z.string(),
  theme: z.string(),
  focusGroup: z.object({ id: uuid, title: z.string(), heldOn: z.string().nullable() }),
  state: z.enum(traceStates),
  domain: ref({ name: z.string() }),
  objective: ref({ title: z.string() }),
  action: ref({ title: z.string(), status: z.enum(actionStatuses) }),
});

export const proposalTraces = z.object({
  counts: z.object({ total: z.number().int(), action: z.number().int(), objective: z.number().int(), open: z.number().int() }),
  proposals: z.array(proposalTrace),
});

export function createFocusGroupService(db: Db) {
  return {
    /** Where parents' proposals went: each one with its focus group and what it led to in the plan (or those of one action). */
    async traces(principal: Principal, trajectoryId: string, filter: { actionId?: string } = {}): Promise<z.input<typeof proposalTraces>> {
      const [exists, access] = await Promise.all([trajectoryExists(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
      if (!exists) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const rows = await listProposalTraces(db, principal.tenantId, trajectoryId, filter.actionId);
      const proposals = rows.map((r) => {
        const state: (typeof traceStates)[number] = r.actionId ? 'action' : r.objectiveId ? 'objective' : 'open';
        return {
          id: r.id,
          text: r.text,
          theme: r.theme,
          focusGroup: { id: r.focusGroupId, title: r.focusGroupTitle, heldOn: r.focusGroupHeldOn },
          state,
          domain: r.domainId ? { id: r.domainId, name: r.domainName ?? '' } : null,
          objective: r.objectiveId ? { id: r.objectiveId, title: r.objectiveTitle ?? '' } : null,
          action: r.actionId ? { id: r.actionId, title: r.actionTitle ?? '', status: (r.actionStatus ?? 'planned') as (typeof actionStatuses)[number] } : null,
        };
      });
      const count = (s: (typeof traceStates)[number]) => proposals.filter((p) => p.state === s).length;
      return { counts: { total: proposals.length, action: count('action'), objective: count('objective'), open: count('open') }, proposals };
    },
  };
}
