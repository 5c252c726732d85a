import { z } from 'zod';
import { assertCan, assertRead, can, loadAccess, type TrajectoryAccess } from '../auth/access';
import { actionCan } from '../auth/entity-rights';
import type { Principal } from '../auth/principal';
import { actorOf, updateEntry } from '../audit/audit';
import type { Db } from '../db/database';
import { conflict, notFound } from '../shared/errors';
import { findTrajectoriesOfPerson } from '../people/people-repository';
import { openStatuses } from '../shared/enums';
import { uuid } from '../shared/schemas';
import { updateActionRecorded } from './action-repository';
import { actionsOfOwnerForUpdate, trajectoryExists } from './action-bulk-repository';


export const reassignInput = z
  .object({
    fromPersonId: uuid,
    toPersonId: uuid,
    /** Only planned, running and postponed actions (default: every action of the owner). */
    onlyOpen: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.fromPersonId !== v.toPersonId, { message: 'must be another person than fromPersonId', path: ['toPersonId'] });

export const reassignOutput = z.object({
  /** Actions that now have the new owner. */
  reassigned: z.int(),
  /** Actions of the old owner in domains where the caller may not change the owner. */
  skipped: z.int(),
  actionIds: z.array(uuid),
  skippedActionIds: z.array(uuid),
});
export type ReassignResult = z.infer<typeof reassignOutput>;

/** Whether the caller may change owners anywhere here: trajectory-wide, or in a work group's domain. */
export function mayEditSomeDomain(access: TrajectoryAccess): boolean {
  return can(access, 'domain.edit') || [...access.workGroupDomains].some((domainId) => can(access, 'domain.edit', { domainId }));
}

export function createActionReassignService(db: Db) {
  return {
    /**
     * Hands every action of one owner to another in one transaction. An owner change is a
     * `domain.edit` change (the single PATCH enforces it so): where the caller lacks it, the
     * action is skipped and counted, never changed. Each change is audited and versioned.
     */
    async reassign(principal: Principal, trajectoryId: string, input: z.output<typeof reassignInput>): Promise<ReassignResult> {
      const { tenantId } = principal;
      if (!(await trajectoryExists(db, tenantId, trajectoryId))) throw notFound(`trajectory ${trajectoryId}`);
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      if (!mayEditSomeDomain(access)) assertCan(access, 'domain.edit');
      // Both must take part in this trajectory; an id from elsewhere reveals nothing.
      for (const [field, personId] of [['fromPersonId', input.fromPersonId], ['toPersonId', input.toPersonId]] as const) {
        const trajectories = await findTrajectoriesOfPerson(db, tenantId, personId);
        if (!trajectories.includes(trajectoryId)) throw notFound(`person ${personId} (${field}) in this trajectory`);
      }
      const actor = actorOf(access);
      return db.transaction().execute(async (trx) => {
        const actions = await actionsOfOwnerForUpdate(trx, tenantId, trajectoryId, input.fromPersonId, input.onlyOpen ? openStatuses : undefined);
        const result: ReassignResult = { reassigned: 0, skipped: 0, actionIds: [], skippedActionIds: [] };
        for (const action of actions) {
          // The same decision as a single owner change (src/auth/entity-rights.ts), action by action.
          if (!actionCan(access, action).fields.includes('ownerId')) {
            result.skipped++;
            result.skippedActionIds.push(action.id);
            continue;
          }
          const audit = updateEntry(actor, trajectoryId, 'action', action, { ...action, ownerId: input.toPersonId });
          const updated = await updateActionRecorded(trx, { tenantId, id: action.id, version: action.version, values: { ownerId: input.toPersonId }, timeline: undefined, audit });
          // The rows are locked: the version cannot have moved on.
          if (!updated) throw conflict('An action changed while it was being reassigned; try again');
          result.reassigned++;
          result.actionIds.push(action.id);
        }
        return result;
      });
    },
  };
}
