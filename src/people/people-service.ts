import { z } from 'zod';
import { assertCan, can, loadAccess, loadAccessToAll, type TrajectoryAccess } from '../auth/access';
import { leadMemberRoles, type Capability } from '../auth/policy';
import { accessWherePersonTakesPart, assertMayReferencePerson } from './person-access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditDelete, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { forbidden, notFound } from '../shared/errors';
import { contactPreferences, reminderLevels, sectors } from '../shared/enums';
import { publicRow, shortText, uuid } from '../shared/schemas';
import { deletePerson, findMembershipsOfPerson, findPerson, findPlacesOfPeople, insertPerson, listPeopleOfTrajectory, updatePerson, type PersonWithMemberships } from './people-repository';

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
const selfFields = new Set(['reminders', 'contactPreference', 'email', 'phone']);
const contactFields = new Set(['email', 'phone']);

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
  can: z
    .object({
      edit: z.boolean(),
      delete: z.boolean(),
      editContact: z.boolean(),
      trust: z.boolean(),
    })
    .describe('what the caller may do with this person, by the same rules that enforce it (in every trajectory the person takes part in)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonOutput = z.input<typeof personOutput>;

/**
 * Parents' contact details are sensitive: only the coordinator, their trusted person and
 * the parent themself see them. The audit log applies the same rule (audit-routes.ts).
 */
export function maySeeContact(access: TrajectoryAccess, person: { id: string; trustedPersonId: string | null; entraObjectId: string | null }, isParent: boolean): boolean {
  if (!isParent) return true;
  if (person.entraObjectId !== null && person.entraObjectId === access.principal.userId) return true;
  return can(access, 'contact.read', { trustedPersonId: person.trustedPersonId });
}

export type PersonRights = PersonOutput['can'];

const noRights: PersonRights = { edit: false, delete: false, editContact: false, trust: false };

/**
 * What the caller may do with each of these people: the checks of `update` and `remove` below,
 * with the caller's access in every trajectory each person takes part in.
 */
export async function rightsOverPeople(db: Db, access: TrajectoryAccess, people: { id: string; isParent: boolean }[]): Promise<Map<string, PersonRights>> {
  const rights = new Map<string, PersonRights>();
  if (!can(access, 'people.read') || !people.length) return rights;
  const [places, accessById] = await Promise.all([
    findPlacesOfPeople(db, access.principal.tenantId, people.map((p) => p.id), [...leadMemberRoles]),
    loadAccessToAll(db, access.principal),
  ]);
  const accessIn = (id: string): TrajectoryAccess => accessById.get(id) ?? { principal: access.principal, trajectoryId: id, personId: null, roles: new Set(), workGroupDomains: new Set(), closed: false };
  for (const person of people) {
    const place = places.get(person.id);
    const everywhere = [...(place?.trajectories ?? [])].map(accessIn);
    const holds = (capability: Capability) => can(access, capability) && everywhere.every((there) => can(there, capability));
    const edit = holds('people.edit');
    const leadIn = [...(place?.leadIn ?? [])];
    const del = edit && access.personId !== person.id && leadIn.every((t) => can(t === access.trajectoryId ? access : accessIn(t), 'membership.grant_lead'));
    rights.set(person.id, { edit, delete: del, editContact: person.isParent ? holds('contact.edit') : edit, trust: holds('person.trust') });
  }
  return rights;
}

function present(access: TrajectoryAccess, p: PersonWithMemberships, rights: PersonRights = noRights): PersonOutput {
  const visible = maySeeContact(access, p, Boolean(p.isParent));
  const base = publicRow<PersonOutput>({ ...p, tenantId: '' });
  return {
    ...base,
    can: rights,
    email: visible ? p.email : null,
    phone: visible ? p.phone : null,
    contactHidden: !visible && Boolean(p.email ?? p.phone),
    isParent: Boolean(p.isParent),
    memberships: p.memberships ?? [],
  };
}

type PersonPatch = z.output<typeof personPatch>;

/**
 * Of these people, those whose contact details are hidden from the reader. Someone who no
 * longer takes part here (or no longer exists) may have been a parent: only the coordinator
 * sees their old details.
 */
export async function contactFieldsHiddenFrom(db: Db, access: TrajectoryAccess, personIds: string[]): Promise<Set<string>> {
  const present = new Map((await listPeopleOfTrajectory(db, access.principal.tenantId, access.trajectoryId, personIds)).map((p) => [p.id, p]));
  return new Set(
    personIds.filter((id) => {
      const person = present.get(id);
      return person ? !maySeeContact(access, person, Boolean(person.isParent)) : !access.roles.has('coordinator');
    }),
  );
}

/** Which capability each changed field needs, given whose record it is. */
function neededFor(field: string, self: boolean, isParent: boolean): Capability | 'self' {
  if (field === 'entraObjectId') return 'person.link';
  if (field === 'trustedPersonId') return 'person.trust';
  if (self && selfFields.has(field)) return 'self';
  if (contactFields.has(field) && isParent) return 'contact.edit';
  return 'people.edit';
}

export function createPeopleService(db: Db) {
  async function one(access: TrajectoryAccess, id: string): Promise<PersonOutput> {
    const [person] = await listPeopleOfTrajectory(db, access.principal.tenantId, access.trajectoryId, id);
    if (!person) throw notFound(`person ${id}`);
    const rights = await rightsOverPeople(db, access, [{ id: person.id, isParent: Boolean(person.isParent) }]);
    return present(access, person, rights.get(person.id));
  }

  /** A person's record is one across the tenant: each trajectory they take part in sees the change. */
  async function auditEverywhere(everywhere: TrajectoryAccess[], write: (trajectoryId: string) => Promise<void>): Promise<void> {
    for (const there of everywhere) await write(there.trajectoryId);
  }

  return {
    async list(principal: Principal, trajectoryId: string): Promise<PersonOutput[]> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.read');
      const people = await listPeopleOfTrajectory(db, principal.tenantId, trajectoryId);
      const rights = await rightsOverPeople(db, access, people.map((p) => ({ id: p.id, isParent: Boolean(p.isParent) })));
      return people.map((p) => present(access, p, rights.get(p.id)));
    },

    async get(principal: Principal, trajectoryId: string, id: string): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.read');
      return one(access, id);
    },

    async create(principal: Principal, trajectoryId: string, input: z.output<typeof personInput>): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.edit');
      if (input.entraObjectId) assertCan(access, 'person.link');
      if (input.trustedPersonId) {
        assertCan(access, 'person.trust');
        await assertMayReferencePerson(db, access, input.trustedPersonId, 'body.trustedPersonId');
      }
      const created = await db.transaction().execute(async (trx) => {
        const row = await insertPerson(trx, principal.tenantId, { ...input, homeTrajectoryId: trajectoryId });
        await auditCreate(trx, actorOf(access), trajectoryId, 'person', row);
        return row.id;
      });
      return one(access, created);
    },

    async update(principal: Principal, trajectoryId: string, id: string, input: PersonPatch): Promise<PersonOutput> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.read');
      const shown = await one(access, id); // 404 unless the person takes part in this trajectory
      await db.transaction().execute(async (trx) => {
        const before = await findPerson(trx, principal.tenantId, id);
        if (!before) throw notFound(`person ${id}`);
        const changed = Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== undefined && before[key as keyof typeof before] !== value)) as PersonPatch;
        const self = access.personId === id || (before.entraObjectId !== null && before.entraObjectId === principal.userId);
        // Rights follow what was asked, not what happens to differ: a refused no-op stays refused.
        const asked = Object.keys(input).filter((key) => input[key as keyof PersonPatch] !== undefined);
        const needs = new Set(asked.flatMap((field) => {
          const need = neededFor(field, self, shown.isParent);
          return need === 'self' ? [] : [need];
        }));
        // Linking a sign-in is the administrator's, across the tenant; every other right must
        // hold in each trajectory the person takes part in (this one among them), or it would
        // reach into another one.
        if (needs.delete('person.link')) assertCan(access, 'person.link');
        for (const capability of needs) assertCan(access, capability);
        const everywhere = await accessWherePersonTakesPart(trx, principal, id);
        if (everywhere.some((there) => [...needs].some((capability) => !can(there, capability)))) {
          throw forbidden('This person also takes part in a trajectory where you may not change them');
        }
        if (changed.trustedPersonId) await assertMayReferencePerson(trx, access, changed.trustedPersonId, 'body.trustedPersonId');
        if (Object.keys(changed).length === 0) return;
        const after = await updatePerson(trx, principal.tenantId, id, changed);
        await auditEverywhere(everywhere, (t) => auditUpdate(trx, actorOf(access), t, 'person', before, after));
      });
      return one(access, id);
    },

    async remove(principal: Principal, trajectoryId: string, id: string): Promise<void> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertCan(access, 'people.edit');
      await one(access, id);
      if (access.personId === id) throw forbidden('You cannot delete yourself');
      await db.transaction().execute(async (trx) => {
        const before = await findPerson(trx, principal.tenantId, id);
        if (!before) throw notFound(`person ${id}`);
        // Deleting a person deletes them in every trajectory, with every role they hold there.
        const everywhere = await accessWherePersonTakesPart(trx, principal, id);
        const memberships = await findMembershipsOfPerson(trx, principal.tenantId, id);
        // Taking away a lead role needs the right to grant it, here and wherever else they hold one.
        const leadIn = new Set(memberships.filter((m) => leadMemberRoles.has(m.role)).map((m) => m.trajectoryId));
        if (leadIn.has(access.trajectoryId)) assertCan(access, 'membership.grant_lead');
        if (everywhere.some((there) => !can(there, 'people.edit') || (leadIn.has(there.trajectoryId) && !can(there, 'membership.grant_lead')))) {
          throw forbidden('This person also takes part in a trajectory where you may not remove them');
        }
        await auditEverywhere(everywhere, (t) => auditDelete(trx, actorOf(access), t, 'person', before));
        await deletePerson(trx, principal.tenantId, id);
      });
    },
  };
}
