import { sql } from 'kysely';
import type { Db } from '../db/database';

export async function findBodyTrajectory(db: Db, tenantId: string, bodyId: string) {
  return db.selectFrom('body').select(['trajectoryId']).where('tenantId', '=', tenantId).where('id', '=', bodyId).executeTakeFirst();
}

const personColumns = [
  'person.id',
  'person.displayName',
  'person.entraObjectId',
  'person.email',
  'person.phone',
  'person.organisation',
  'person.sector',
  'person.contactPreference',
  'person.trustedPersonId',
  'person.reminders',
  'person.createdAt',
  'person.updatedAt',
] as const;

/** People who take part in a trajectory: members of its bodies or owners of its actions. */
export async function listPeopleOfTrajectory(db: Db, tenantId: string, trajectoryId: string, personId?: string | string[]) {
  let query = db
    .selectFrom('person')
    .select(personColumns)
    .select((eb) => [
      eb
        .selectFrom('membership')
        .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
        .select(
          sql<{ id: string; bodyId: string; role: string; bodyKind: string }[]>`coalesce(json_agg(json_build_object('id', membership.id, 'bodyId', membership.body_id, 'role', membership.role, 'bodyKind', body.kind) order by body.kind, membership.role), '[]')`.as(
            'm',
          ),
        )
        .whereRef('membership.tenantId', '=', 'person.tenantId')
        .whereRef('membership.personId', '=', 'person.id')
        .where('body.trajectoryId', '=', trajectoryId)
        .as('memberships'),
      eb
        .exists(
          eb
            .selectFrom('membership')
            .select('membership.id')
            .whereRef('membership.tenantId', '=', 'person.tenantId')
            .whereRef('membership.personId', '=', 'person.id')
            .where('membership.role', '=', 'parent'),
        )
        .as('isParent'),
    ])
    .where('person.tenantId', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('person.homeTrajectoryId', '=', trajectoryId),
        eb.exists(
          eb
            .selectFrom('membership')
            .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
            .select('membership.id')
            .whereRef('membership.tenantId', '=', 'person.tenantId')
            .whereRef('membership.personId', '=', 'person.id')
            .where('body.trajectoryId', '=', trajectoryId),
        ),
        eb.exists(
          eb
            .selectFrom('action')
            .select('action.id')
            .whereRef('action.tenantId', '=', 'person.tenantId')
            .whereRef('action.ownerId', '=', 'person.id')
            .where('action.trajectoryId', '=', trajectoryId),
        ),
      ]),
    );
  if (typeof personId === 'string') query = query.where('person.id', '=', personId);
  else if (personId) query = query.where('person.id', 'in', personId.length ? personId : ['00000000-0000-0000-0000-000000000000']);
  return query.orderBy('person.displayName').execute();
}

export type PersonWithMemberships = Awaited<ReturnType<typeof listPeopleOfTrajectory>>[number];

export async function findPerson(db: Db, tenantId: string, id: string, forUpdate = true) {
  let query = db.selectFrom('person').selectAll().where('tenantId', '=', tenantId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findPersonByEntraId(db: Db, tenantId: string, entraObjectId: string) {
  return db.selectFrom('person').selectAll().where('tenantId', '=', tenantId).where('entraObjectId', '=', entraObjectId).executeTakeFirst();
}

export type PersonValues = {
  displayName: string;
  entraObjectId?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  organisation?: string | null | undefined;
  sector?: string | null | undefined;
  contactPreference?: string | undefined;
  trustedPersonId?: string | null | undefined;
  reminders?: string | undefined;
  homeTrajectoryId?: string | null | undefined;
};

export async function insertPerson(db: Db, tenantId: string, values: PersonValues) {
  return db
    .insertInto('person')
    .values({
      tenantId,
      displayName: values.displayName,
      entraObjectId: values.entraObjectId ?? null,
      email: values.email ?? null,
      phone: values.phone ?? null,
      organisation: values.organisation ?? null,
      sector: values.sector ?? null,
      trustedPersonId: values.trustedPersonId ?? null,
      homeTrajectoryId: values.homeTrajectoryId ?? null,
      ...(values.contactPreference ? { contactPreference: values.contactPreference } : {}),
      ...(values.reminders ? { reminders: values.reminders } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePerson(db: Db, tenantId: string, id: string, values: Partial<PersonValues>) {
  return db
    .updateTable('person')
    .set({ ...values, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePerson(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('person').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function addMembership(db: Db, tenantId: string, bodyId: string, personId: string, role: string) {
  return db.insertInto('membership').values({ tenantId, bodyId, personId, role }).returningAll().executeTakeFirstOrThrow();
}

/**
 * The trajectories a person takes part in: through a membership of one of its bodies, an
 * action they own there, or having been added there.
 */
export async function findTrajectoriesOfPerson(db: Db, tenantId: string, personId: string): Promise<string[]> {
  const { rows } = await sql<{ trajectoryId: string }>`
    select b.trajectory_id as "trajectoryId" from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and m.person_id = ${personId}
    union
    select a.trajectory_id from action a where a.tenant_id = ${tenantId} and a.owner_id = ${personId}
    union
    select p.home_trajectory_id from person p where p.tenant_id = ${tenantId} and p.id = ${personId} and p.home_trajectory_id is not null`.execute(db);
  return rows.map((r) => r.trajectoryId);
}

/** Each lead membership (coordinator, chair, …) a person holds, with its trajectory. */
export async function findMembershipsOfPerson(db: Db, tenantId: string, personId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
    .select(['membership.id', 'membership.role', 'body.trajectoryId'])
    .where('membership.tenantId', '=', tenantId)
    .where('membership.personId', '=', personId)
    .execute();
}
