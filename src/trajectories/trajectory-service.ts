import { z } from 'zod';
import { assertCan, assertRead, canRead, capabilitiesOf, loadAccess, loadAccessToAll, roleNames, type TrajectoryAccess } from '../auth/access';
import { capabilities } from '../auth/policy';
import { isTenantAdmin } from '../tenants/tenant-admin-service';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate, updateEntry, type AuditActor } from '../audit/audit';
import type { Db } from '../db/database';
import { forbidden, invalid, notFound } from '../shared/errors';
import { addMembership, findPersonByEntraId, insertPerson } from '../people/people-repository';
import { phaseStates, qualityCriteria, roadmapPhases } from '../shared/enums';
import { dateOnly, longText, publicRow, shortText, uuid } from '../shared/schemas';
import {
  deleteTrajectory,
  findTrajectory,
  insertBody,
  insertTrajectory,
  listTrajectories,
  updateTrajectory,
} from './trajectory-repository';

/** Money and job fractions are stored as numeric(…,2): a third decimal would be rounded away silently. */
const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
const amount = (max: number) =>
  z
    .number({ message: 'must be a number' })
    .min(0, 'must not be negative')
    .max(max, `at most ${max}`)
    .refine(twoDecimals, 'at most 2 decimals');

/** Phase 1 (the college's decision) and phase 2 (the coordinator, the facilitator) as recorded. */
export const phaseRecordFields = {
  policyDecidedOn: dateOnly.nullable().optional().describe("the day the college decided to make child poverty a spearhead"),
  policyStaffFte: amount(100).nullable().optional().describe('staff time freed by the decision, in full-time equivalents (0–100)'),
  policyBudget: amount(999_999_999_999.99).nullable().optional().describe('budget freed by the decision, in euro (2 decimals)'),
  policyNote: longText(2000).optional().describe('what else the decision says'),
  coordinatorAppointedOn: dateOnly.nullable().optional().describe('the day the local coordinator was appointed'),
  coordinatorJobShare: z.int().min(1, 'at least 1').max(100, 'at most 100').nullable().optional().describe("the coordinator's share of a full-time job, in %"),
  facilitatorOrganisation: z.string().trim().max(200, 'at most 200 characters').optional().describe('the external facilitator\'s organisation, if any'),
  facilitatorEngagedOn: dateOnly.nullable().optional().describe('since when the external facilitator guides the trajectory'),
};

const trajectoryFields = z
  .object({
    name: shortText(160),
    municipality: shortText(120),
    periodStart: dateOnly,
    periodEnd: dateOnly,
    mission: longText().optional(),
    vision: longText().optional(),
    qualityCriteria: z.array(z.enum(qualityCriteria)).max(qualityCriteria.length).optional(),
    // Kept for older clients only: the phase tracker (src/phases/) derives all ten states from the data and does not read it.
    phaseProgress: z.partialRecord(z.enum(roadmapPhases), z.enum(phaseStates)).optional().describe('hand-ticked progress of older clients; the phases shown are derived (GET …/phases)'),
    teamId: z.string().max(200).nullable().optional(),
    reminderDaysBefore: z.int().min(0, 'at least 0').max(30, 'at most 30').optional(),
    ...phaseRecordFields,
  })
  .strict();

const periodInOrder = (t: { periodStart?: string | undefined; periodEnd?: string | undefined }) =>
  !t.periodStart || !t.periodEnd || t.periodEnd >= t.periodStart;
const periodIssue = { message: 'must not be before periodStart', path: ['periodEnd'] };

export const trajectoryInput = trajectoryFields
  .extend({
    coordinator: z
      .object({ entraObjectId: uuid, displayName: shortText(120) })
      .strict()
      .optional()
      .describe('who coordinates it (their sign-in); without it, the administrator who starts it'),
  })
  .refine(periodInOrder, periodIssue);
export const trajectoryPatch = trajectoryFields
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .refine(periodInOrder, periodIssue);

export const trajectoryOutput = z.object({
  id: uuid,
  name: z.string(),
  municipality: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  mission: z.string(),
  vision: z.string(),
  qualityCriteria: z.array(z.string()),
  phaseProgress: z.record(z.string(), z.enum(phaseStates)),
  teamId: z.string().nullable(),
  reminderDaysBefore: z.int(),
  policyDecidedOn: z.string().nullable(),
  policyStaffFte: z.number().nullable(),
  policyBudget: z.number().nullable(),
  policyNote: z.string(),
  coordinatorAppointedOn: z.string().nullable(),
  coordinatorJobShare: z.int().nullable(),
  facilitatorOrganisation: z.string(),
  facilitatorEngagedOn: z.string().nullable(),
  originTrajectoryId: uuid.nullable().describe('the policy period this one continues'),
  closedAt: z.string().nullable().describe('when the next period started: from then on this one is read-only'),
  version: z.int(),
  roles: z.array(z.string()),
  permissions: z.array(z.enum(capabilities)).describe('what the caller may do in this trajectory; clients render from this'),
  workGroupDomainIds: z.array(uuid).describe("domains whose work group the caller belongs to: there they hold domain.edit and action.report"),
  personId: uuid.nullable().describe("the caller's person in this trajectory, if any"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type TrajectoryOutput = z.input<typeof trajectoryOutput>;
type TrajectoryRow = Parameters<typeof publicRow>[0];

function present(t: TrajectoryRow, access: TrajectoryAccess): TrajectoryOutput {
  return {
    ...publicRow<TrajectoryOutput>(t),
    roles: roleNames(access),
    permissions: capabilitiesOf(access),
    workGroupDomainIds: [...access.workGroupDomains].sort(),
    personId: access.personId,
  };
}

export function createTrajectoryService(db: Db) {
  return {
    /** The trajectories of the caller's tenant that the caller takes part in. */
    async listMine(principal: Principal): Promise<TrajectoryOutput[]> {
      const [all, accessById] = await Promise.all([listTrajectories(db, principal.tenantId), loadAccessToAll(db, principal)]);
      return all.flatMap((t) => {
        const access = accessById.get(t.id);
        return access && canRead(access) ? [present(t, access)] : [];
      });
    },

    async get(principal: Principal, id: string): Promise<TrajectoryOutput> {
      const t = await findTrajectory(db, principal.tenantId, id);
      if (!t) throw notFound(`trajectory ${id}`);
      const access = await loadAccess(db, principal, id);
      assertRead(access);
      return present(t, access);
    },

    /**
     * Only an administrator starts a trajectory; they become the coordinator of its steering
     * group until they hand that role to the municipality's coordinator.
     */
    async create(principal: Principal, input: z.output<typeof trajectoryInput>): Promise<TrajectoryOutput> {
      if (!(await isTenantAdmin(db, principal))) throw forbidden('Only a Kansrijk administrator of your organisation may start a trajectory');
      const { coordinator, ...fields } = input;
      const lead = coordinator ?? { entraObjectId: principal.userId, displayName: principal.name };
      const created = await db.transaction().execute(async (trx) => {
        const self = await findPersonByEntraId(trx, principal.tenantId, principal.userId);
        const actor: AuditActor = { tenantId: principal.tenantId, userId: principal.userId, personId: self?.id ?? null, name: principal.name };
        const trajectory = await insertTrajectory(trx, principal.tenantId, fields);
        let person = lead.entraObjectId === principal.userId ? self : await findPersonByEntraId(trx, principal.tenantId, lead.entraObjectId);
        if (!person) {
          person = await insertPerson(trx, principal.tenantId, { displayName: lead.displayName, entraObjectId: lead.entraObjectId, homeTrajectoryId: trajectory.id });
          await auditCreate(trx, actor, trajectory.id, 'person', person);
        }
        await auditCreate(trx, actor, trajectory.id, 'trajectory', trajectory);
        const steering = await insertBody(trx, principal.tenantId, trajectory.id, 'steering_group', 'Stuurgroep');
        await auditCreate(trx, actor, trajectory.id, 'body', steering);
        const membership = await addMembership(trx, principal.tenantId, steering.id, person.id, 'coordinator');
        await auditCreate(trx, actor, trajectory.id, 'membership', membership);
        return trajectory;
      });
      return this.get(principal, created.id);
    },

    async update(principal: Principal, id: string, input: z.output<typeof trajectoryPatch>): Promise<TrajectoryOutput> {
      const access = await loadAccess(db, principal, id);
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findTrajectory(trx, principal.tenantId, id, true);
        if (!before) throw notFound(`trajectory ${id}`);
        assertCan(access, 'trajectory.edit');
        if (input.periodStart && !input.periodEnd && input.periodStart > before.periodEnd) {
          throw invalid([{ path: 'body.periodStart', message: 'must not be after periodEnd' }]);
        }
        if (input.periodEnd && !input.periodStart && input.periodEnd < before.periodStart) {
          throw invalid([{ path: 'body.periodEnd', message: 'must not be before periodStart' }]);
        }
        // The same values again change nothing: no new version, no audit.
        if (!updateEntry(actorOf(access), id, 'trajectory', before, { ...before, ...input })) return before;
        const after = await updateTrajectory(trx, principal.tenantId, id, input);
        await auditUpdate(trx, actorOf(access), id, 'trajectory', before, after);
        return after;
      });
      return present(updated, access);
    },

    async remove(principal: Principal, id: string): Promise<void> {
      const access = await loadAccess(db, principal, id);
      await db.transaction().execute(async (trx) => {
        const before = await findTrajectory(trx, principal.tenantId, id, true);
        if (!before) throw notFound(`trajectory ${id}`);
        assertCan(access, 'trajectory.delete');
        await deleteTrajectory(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), id, 'trajectory', before);
      });
    },
  };
}
