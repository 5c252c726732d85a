import { z } from 'zod';
import { assertEditTrajectory, assertRead, isCoordinator, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { forbidden, invalid, notFound } from '../http/problems';
import { contactPreferences, reminderLevels, sectors } from '../shared/enums';
import { publicRow, shortText, uuid } from '../shared/schemas';
import { deletePerson, findPerson, insertPerson, listPeopleOfTrajectory, updatePerson, type PersonWithMemberships } from './people-repository';

export const personInput = z
  .object({
    displayName: shortText(120),
    entraObjectId: uuid.nullable().optional(),
    email: z.email({ message: 'must be an e-mail address' }).nullable().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()./-]{6,20}$/, 'must be a phone number')
      .nullable()
      .optional(),
    organisation: z.string().max(200, 'at most 200 characters').nullable().optional(),
    sector: z.enum(sectors).nullable().optional(),
    contactPreference: z.enum(contactPreferences).optional(),
    trustedPersonId: uuid.nullable().optional(),
    reminders: z.enum(reminderLevels).optional(),
  })
  .strict();

export const personPatch = personInput.partial().strict().refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });

/** What a person may change about themself, whatever their role. */
const selfFields = new Set(['reminders', 'contactPreference']);

export const personOutput = z.object({
  id: uuid,
  displayName: z.string(),
  entraObjectId: z.string().nullable(),
  email: z.string().nullable().describe('hidden (null) for parents unless you are the coordinator or their trusted person'),
  phone: z.string().nullable().describe('hidden (null) for parents unless you are the coordinator or their trusted person'),
  contactHidden: z.boolean(),
  organisation: z.string().nullable(),
  sector: z.string().nullable(),
  contactPreference: z.string(),
  trustedPersonId: z.string().nullable(),
  reminders: z.string(),
  isParent: z.boolean(),
  memberships: z.array(z.object({ id: uuid, bodyId: uuid, role: z.string(), bodyKind: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonOutput = z.input<typeof personOutput>;

/**
 * Parents' contact details are sensitive: only the coordinator, their trusted person and
 * the parent themself see them.
 */
export function maySeeContact(access: TrajectoryAccess, person: { id: string; trustedPersonId: string | null; entraObjectId: string | null }, isParent: boolean): boolean {
  if (!isParent) return true;
  if (isCoordinator(access)) return true;
  if (access.personId && person.trustedPersonId === access.personId) return true;
  return person.entraObjectId !== null && person.entraObjectId === access.principal.userId;
}

function present(access: TrajectoryAccess, p: PersonWithMemberships): PersonOutput {
  const visible = maySeeContact(access, p, Boolean(p.isParent));
  const base = publicRow<PersonOutput>({ ...p, tenantId: '' });
  return {
    ...base,
    email: visible ? p.email : null,
    phone: visible ? p.phone : null,
    contactHidden: !visible && Boolean(p.email ?? p.phone),
    isParent: Boolean(p.isParent),
    memberships: p.memberships ?? [],
  };
}

export function createPeopleService(db: Db) {
  async function one(access: TrajectoryAccess, id: string): Promise<PersonOutput> {
    const [person] = await listPeopleOfTrajectory(db, access.principal.tenantId, access.trajectoryId, id);
    if (!person) throw notFound(`person ${id}`);
    return present(access, person);
  }

  async function checkTrustedPerson(tenantId: string, id: string | null | undefined): Promise<void> {
    if (!id) return;
    const trusted = await findPerson(db, tenantId, id);
    if (!trusted) throw invalid([{ path: 'body.trustedPersonId', message: 'no such person' }]);
  }

  return {
    async list(principal: Principal, trajectoryId: string): Promise<PersonOutput[]> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const people = await listPeopleOfTrajectory(db, principal.tenantId, trajectoryId);
      return people.map((p) => present(access, p));
    },

    async get(principal: Principal, trajectoryId: string, id: string): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      return one(access, id);
    },

    async create(principal: Principal, trajectoryId: string, input: z.output<typeof personInput>): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertEditTrajectory(access);
      await checkTrustedPerson(principal.tenantId, input.trustedPersonId);
      const created = await db.transaction().execute(async (trx) => {
        const row = await insertPerson(trx, principal.tenantId, input);
        await auditCreate(trx, actorOf(access), trajectoryId, 'person', row);
        return row;
      });
      // A new person is not yet in any body: show them as created.
      return present(access, { ...created, memberships: [], isParent: false });
    },

    async update(principal: Principal, trajectoryId: string, id: string, input: z.output<typeof personPatch>): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      await one(access, id); // 404 unless the person takes part in this trajectory
      const self = access.personId === id;
      const onlySelfFields = Object.keys(input).every((k) => selfFields.has(k));
      if (!(self && onlySelfFields)) assertEditTrajectory(access);
      await checkTrustedPerson(principal.tenantId, input.trustedPersonId);
      await db.transaction().execute(async (trx) => {
        const before = await findPerson(trx, principal.tenantId, id);
        if (!before) throw notFound(`person ${id}`);
        const after = await updatePerson(trx, principal.tenantId, id, input);
        await auditUpdate(trx, actorOf(access), trajectoryId, 'person', before, after);
      });
      return one(access, id);
    },

    async remove(principal: Principal, trajectoryId: string, id: string): Promise<void> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertEditTrajectory(access);
      await one(access, id);
      if (access.personId === id) throw forbidden('You cannot delete yourself');
      await db.transaction().execute(async (trx) => {
        const before = await findPerson(trx, principal.tenantId, id);
        if (!before) throw notFound(`person ${id}`);
        await deletePerson(trx, principal.tenantId, id);
        await auditDelete(trx, actorOf(access), trajectoryId, 'person', before);
      });
    },
  };
}
