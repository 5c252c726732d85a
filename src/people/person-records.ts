import { sql } from 'kysely';
import { redactContact } from '../audit/audit';
import { insertAudit } from '../audit/audit-repository';
import type { Db } from '../db/database';
import { findTrajectoriesOfPerson } from './people-repository';

/*
 * A data subject's rights (GDPR Art. 15, 17 and 20) for one person of one tenant: everything
 * Kansrijk holds about them as JSON, and their erasure. Erasure deletes the person and what only
 * describes them, and keeps the audit trail as evidence of what happened to the plan, with their
 * name and contact details replaced by a pseudonym; ids stay, so entries still line up.
 * docs/gdpr.md describes when to use which.
 */

export class PersonNotFound extends Error {
  constructor(tenantId: string, personId: string) {
    super(`no person ${personId} in tenant ${tenantId}`);
    this.name = 'PersonNotFound';
  }
}

/**
 * Every audit entry that names the person: about them, by them, or mentioning their id, and
 * (for erasure) any that holds one of the given texts.
 */
function auditOfPerson(db: Db, tenantId: string, personId: string, entraObjectId: string | null, texts: readonly string[] = []) {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('entityId', '=', personId),
        eb('actorPersonId', '=', personId),
        ...(entraObjectId ? [eb('actorUserId', '=', entraObjectId)] : []),
        eb(sql<string>`changes::text`, 'like', `%${personId}%`),
        ...texts.map((text) => eb(sql<string>`changes::text`, 'ilike', `%${text.replace(/[%_\\]/g, '\\$&')}%`)),
      ]),
    )
    .orderBy('id');
}

export async function exportPerson(db: Db, tenantId: string, personId: string) {
  const person = await db.selectFrom('person').selectAll().where('tenantId', '=', tenantId).where('id', '=', personId).executeTakeFirst();
  if (!person) throw new PersonNotFound(tenantId, personId);
  const [memberships, ownedActions, timelineEntries, audit, followUps, botUsers, trustedPersonFor] = await Promise.all([
    db
      .selectFrom('membership')
      .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
      .innerJoin('trajectory', (j) => j.onRef('trajectory.tenantId', '=', 'body.tenantId').onRef('trajectory.id', '=', 'body.trajectoryId'))
      .select(['membership.id', 'membership.role', 'membership.createdAt', 'body.id as bodyId', 'body.name as bodyName', 'body.kind as bodyKind', 'trajectory.id as trajectoryId', 'trajectory.name as trajectoryName'])
      .where('membership.tenantId', '=', tenantId)
      .where('membership.personId', '=', personId)
      .orderBy('membership.createdAt')
      .execute(),
    db.selectFrom('action').selectAll().where('tenantId', '=', tenantId).where('ownerId', '=', personId).orderBy('createdAt').execute(),
    db.selectFrom('actionUpdate').selectAll().where('tenantId', '=', tenantId).where('authorPersonId', '=', personId).orderBy('createdAt').execute(),
    // Entries about someone else (a parent whose trusted person this is) keep that person's contact details out.
    auditOfPerson(db, tenantId, personId, person.entraObjectId)
      .execute()
      .then((rows) => rows.map((row) => (row.entity === 'person' && row.entityId !== personId ? { ...row, changes: redactContact(row.changes) } : row))),
    db.selectFrom('followUp').selectAll().where('tenantId', '=', tenantId).where('personId', '=', personId).orderBy('createdAt').execute(),
    db.selectFrom('botUser').selectAll().where('tenantId', '=', tenantId).where('personId', '=', personId).execute(),
    // Only ids: the parents they look after are data subjects of their own.
    db.selectFrom('person').select('id').where('tenantId', '=', tenantId).where('trustedPersonId', '=', personId).execute(),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    tenantId,
    person,
    memberships,
    ownedActions,
    timelineEntries,
    audit,
    followUps,
    teamsAccounts: botUsers,
    trustedPersonFor: trustedPersonFor.map((p) => p.id),
  };
}

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;

export interface ErasureResult {
  personId: string;
  pseudonym: string;
  auditEntriesPseudonymised: number;
  timelineEntriesPseudonymised: number;
  membershipsDeleted: number;
  actionsUnassigned: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces each needle, as a whole word (letters with accents included), wherever it occurs in a JSON value. */
export function scrub(value: unknown, replacements: readonly { needle: string; by: string }[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const { needle, by } of replacements) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'giu'), by);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, replacements));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, replacements)]));
  return value;
}

/** A field as audit entries hold it: the value itself (create, delete) or { from, to } (update). */
function valuesOf(field: unknown): unknown[] {
  if (field && typeof field === 'object' && !Array.isArray(field)) {
    const change = field as { from?: unknown; to?: unknown };
    return [change.from, change.to];
  }
  return [field];
}

export function pseudonymFor(personId: string): string {
  return `Verwijderde persoon ${personId.slice(0, 8)}`;
}

/**
 * Needs a role that may rewrite audit_log (the migration role on Azure: the app's own role may
 * only append to it). One transaction: either all of it happens or none.
 */
export async function erasePerson(db: Db, tenantId: string, personId: string, operator: string): Promise<ErasureResult> {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('person').selectAll().where('tenantId', '=', tenantId).where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw new PersonNotFound(tenantId, personId);
    const pseudonym = pseudonymFor(personId);
    // Each trajectory they took part in keeps a record of the erasure, as for any deletion of a person.
    const trajectories = await findTrajectoriesOfPerson(trx, tenantId, personId);
    // Earlier names and numbers too: the audit trail keeps every value the person ever had.
    const former = await trx.selectFrom('auditLog').select('changes').where('tenantId', '=', tenantId).where('entity', '=', 'person').where('entityId', '=', personId).execute();
    const values = (field: 'displayName' | 'email' | 'phone', current: string | null): string[] =>
      [...new Set([current, ...former.flatMap((row) => valuesOf(row.changes[field]))].filter((v): v is string => typeof v === 'string' && v.trim().length > 0))]
        // Longer first, so that "Tom Maes-Peeters" is replaced whole before "Tom Maes" is.
        .sort((a, b) => b.length - a.length);
    const replacements = [
      ...values('displayName', person.displayName).map((needle) => ({ needle, by: pseudonym })),
      ...values('email', person.email).map((needle) => ({ needle, by: '[verwijderd]' })),
      ...values('phone', person.phone).map((needle) => ({ needle, by: '[verwijderd]' })),
    ];

    const mentions = await auditOfPerson(
      trx,
      tenantId,
      personId,
      person.entraObjectId,
      replacements.map((r) => r.needle),
    ).execute();
    let auditEntriesPseudonymised = 0;
    for (const row of mentions) {
      const byThem = row.actorPersonId === personId || (person.entraObjectId !== null && row.actorUserId === person.entraObjectId);
      const actorName = byThem ? pseudonym : (scrub(row.actorName, replacements) as string);
      const changes = scrub(row.changes, replacements);
      if (actorName === row.actorName && JSON.stringify(changes) === JSON.stringify(row.changes)) continue;
      // audit_log's changes column is insert-only for Kysely's types; this is the one place that rewrites it.
      await sql`update audit_log set actor_name = ${actorName}, changes = ${JSON.stringify(changes)}::jsonb where tenant_id = ${tenantId} and id = ${row.id}`.execute(trx);
      auditEntriesPseudonymised++;
    }

    const timeline = await trx.selectFrom('actionUpdate').select(['id', 'note']).where('tenantId', '=', tenantId).where('authorPersonId', '=', personId).execute();
    for (const entry of timeline) {
      await trx
        .updateTable('actionUpdate')
        .set({ authorName: pseudonym, note: scrub(entry.note, replacements) as string })
        .where('tenantId', '=', tenantId)
        .where('id', '=', entry.id)
        .execute();
    }

    const actionsUnassigned = await trx.selectFrom('action').select((eb) => eb.fn.countAll<number>().as('n')).where('tenantId', '=', tenantId).where('ownerId', '=', personId).executeTakeFirstOrThrow();
    const memberships = await trx.deleteFrom('membership').where('tenantId', '=', tenantId).where('personId', '=', personId).executeTakeFirst();
    // The bot's memory of their Teams account and 1:1 chat: it would only find them again.
    if (person.entraObjectId) {
      await trx.deleteFrom('botConversation').where('tenantId', '=', tenantId).where('kind', '=', 'personal').where('userAadObjectId', '=', person.entraObjectId).execute();
    }
    await trx
      .deleteFrom('botUser')
      .where('tenantId', '=', tenantId)
      .where((eb) => eb.or([eb('personId', '=', personId), ...(person.entraObjectId ? [eb('aadObjectId', '=', person.entraObjectId)] : [])]))
      .execute();
    // Their reminders go with them (follow_up cascades); owned actions lose their owner.
    await trx.deleteFrom('person').where('tenantId', '=', tenantId).where('id', '=', personId).execute();
    for (const trajectoryId of trajectories.length ? trajectories : [null]) {
      await insertAudit(trx, {
        tenantId,
        trajectoryId,
        actorUserId: null,
        actorPersonId: null,
        actorName: operator,
        entity: 'person',
        entityId: personId,
        operation: 'delete',
        changes: { erased: true, pseudonym },
      });
    }
    return {
      personId,
      pseudonym,
      auditEntriesPseudonymised,
      timelineEntriesPseudonymised: timeline.length,
      membershipsDeleted: Number(memberships.numDeletedRows),
      actionsUnassigned: Number(actionsUnassigned.n),
    };
  });
}
