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

/** For each of these people, the trajectories they take part in and those where they hold a lead role (one query each). */
export async function findPlacesOfPeople(db: Db, tenantId: string, personIds: string[], leadRoles: readonly string[]) {
  const places = new Map<string, { trajectories: Set<string>; leadIn: Set<string> }>(personIds.map((id) => [id, { trajectories: new Set(), leadIn: new Set() }]));
  if (!personIds.length) return places;
  const ids = sql.join(personIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{ personId: string; trajectoryId: string; lead: boolean }>`
    select m.person_id as "personId", b.trajectory_id as "trajectoryId", bool_or(m.role in (${sql.join([...leadRoles])})) as lead
      from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and m.person_id in (${ids}) group by 1, 2
    union all
    select a.owner_id, a.trajectory_id, false from action a where a.tenant_id = ${tenantId} and a.owner_id in (${ids})
    union all
    select p.id, p.home_trajectory_id, false from person p where p.tenant_id = ${tenantId} and p.id in (${ids}) and p.home_trajectory_id is not null`.execute(db);
  for (const row of rows) {
    const place = places.get(row.personId);
    if (!place) continue;
    place.trajectories.add(row.trajectoryId);
    if (row.lead) place.leadIn.add(row.trajectoryId);
  }
  return places;
}

/** What goes with a person when they are deleted (memberships and trusted persons cascade, owned actions lose their owner). */
export async function personDeleteImpact(db: Db, tenantId: string, personId: string, trajectoryId: string) {
  const { rows } = await sql<{ memberships: number; actionsWithoutOwner: number; parentsWithoutTrustedPerson: number; otherTrajectories: number }>`
    select
      (select count(*)::int from membership m where m.tenant_id = ${tenantId} and m.person_id = ${personId}) as memberships,
      (select count(*)::int from action a where a.tenant_id = ${tenantId} and a.owner_id = ${personId}) as "actionsWithoutOwner",
      (select count(*)::int from person p where p.tenant_id = ${tenantId} and p.trusted_person_id = ${personId}) as "parentsWithoutTrustedPerson",
      (select count(distinct t)::int from (
        select b.trajectory_id as t from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id where m.tenant_id = ${tenantId} and m.person_id = ${personId}
        union select a.trajectory_id from action a where a.tenant_id = ${tenantId} and a.owner_id = ${personId}
        union select p.home_trajectory_id from person p where p.tenant_id = ${tenantId} and p.id = ${personId} and p.home_trajectory_id is not null
      ) x where t <> ${trajectoryId}) as "otherTrajectories"`.execute(db);
  return rows[0]!;
}

/** What goes with a body when it is deleted: its memberships, meetings and signal verdicts cascade. */
export async function bodyDeleteImpact(db: Db, tenantId: string, bodyId: string) {
  const { rows } = await sql<{ memberships: number; meetings: number; signalVerdicts: number }>`
    select
      (select count(*)::int from membership where tenant_id = ${tenantId} and body_id = ${bodyId}) as memberships,
      (select count(*)::int from meeting where tenant_id = ${tenantId} and body_id = ${bodyId}) as meetings,
      (select count(*)::int from signal_verdict where tenant_id = ${tenantId} and body_id = ${bodyId}) as "signalVerdicts"`.execute(db);
  return rows[0]!;
}
